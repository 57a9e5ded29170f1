// The chart renderer's process (plain JavaScript: it runs as is under tsx, vitest and node), forked
// by render.ts with structured-clone IPC. It loads ECharts (the single-file build) and resvg once,
// then renders what it is sent: { id, option, width, height, png, fontFiles } → { id, svg } |
// { id, png } | { id, error }. It exits when its parent disconnects.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const echarts = require('echarts/dist/echarts.min.js');
const { renderAsync } = require('@resvg/resvg-js');

process.on('disconnect', () => process.exit(0));

process.on('message', async (job) => {
  try {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: job.width, height: job.height });
    let svg;
    try {
      chart.setOption(job.option);
      svg = chart.renderToSVGString();
    } finally {
      chart.dispose();
    }
    if (!job.png) return process.send({ id: job.id, svg });
    const image = await renderAsync(svg, {
      font: { loadSystemFonts: false, fontFiles: job.fontFiles, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
      background: '#ffffff',
    });
    process.send({ id: job.id, png: new Uint8Array(image.asPng()) });
  } catch (err) {
    process.send({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
});
