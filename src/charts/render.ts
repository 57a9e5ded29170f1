import { fileURLToPath } from 'node:url';
import type { ChartSpec } from './recap.js';

/**
 * Renders a chart definition on the server: ECharts' server-side SVG renderer, then resvg for PNG,
 * with the DejaVu Sans shipped in assets/fonts (the server's own fonts are never used, so labels
 * look the same everywhere). Both libraries are loaded on first use: they cost nothing to a bot
 * that never draws. resvg renders on libuv's thread pool (renderAsync), off the update loop.
 */
export const chartFontFiles = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((name) =>
  fileURLToPath(new URL(`../../assets/fonts/${name}`, import.meta.url)),
);

export async function chartToSvg(spec: ChartSpec): Promise<string> {
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(spec.option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export async function svgToPng(svg: string): Promise<Buffer> {
  const { renderAsync } = await import('@resvg/resvg-js');
  const image = await renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles: chartFontFiles, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return image.asPng();
}

export async function chartToPng(spec: ChartSpec): Promise<Buffer> {
  return svgToPng(await chartToSvg(spec));
}
