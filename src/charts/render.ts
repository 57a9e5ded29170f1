import { fileURLToPath } from 'node:url';
import { fork, type ChildProcess } from 'node:child_process';
import type { ChartSpec } from './recap.js';

/**
 * Renders a chart definition on the server, in a child process (render-worker.mjs): ECharts'
 * server-side SVG renderer, then resvg for PNG, with the DejaVu Sans shipped in assets/fonts (the
 * server's own fonts are never used, so labels look the same everywhere). No headless browser.
 *
 * The renderer starts on the first chart and exits after IDLE_MS without work: rendering never
 * holds up the update loop, and the bot's own memory does not grow with either library (memory a
 * thread frees is not given back to the system, so a worker thread would leave the bot larger).
 */
export const chartFontFiles = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((name) =>
  fileURLToPath(new URL(`../../assets/fonts/${name}`, import.meta.url)),
);

const IDLE_MS = 60_000;

interface Pending {
  resolve: (value: { svg?: string; png?: Uint8Array }) => void;
  reject: (err: Error) => void;
}

let worker: ChildProcess | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}

function getWorker(): ChildProcess {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  if (worker) return worker;
  const w = fork(fileURLToPath(new URL('./render-worker.mjs', import.meta.url)), [], {
    execArgv: [],
    // Nothing of the bot's environment (tokens, keys) reaches the renderer; errors come back as messages.
    env: {},
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  w.unref();
  w.channel?.unref();
  w.on('message', (raw) => {
    const msg = raw as { id: number; svg?: string; png?: Uint8Array; error?: string };
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error !== undefined) p.reject(new Error(`chart rendering failed: ${msg.error}`));
    else p.resolve(msg);
    if (pending.size === 0 && worker === w) {
      w.channel?.unref();
      idleTimer = setTimeout(() => void stopChartWorker(), IDLE_MS).unref();
    }
  });
  w.on('error', (err) => {
    if (worker === w) worker = undefined;
    failAll(err);
  });
  w.on('exit', (code) => {
    if (worker === w) worker = undefined;
    if (pending.size) failAll(new Error(`chart renderer exited with code ${code}`));
  });
  worker = w;
  return w;
}

function render(spec: ChartSpec, png: boolean): Promise<{ svg?: string; png?: Uint8Array }> {
  const w = getWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // While a chart is being drawn the channel keeps the bot waiting for the answer.
    w.channel?.ref();
    w.send({ id, option: spec.option, width: spec.width, height: spec.height, png, fontFiles: chartFontFiles });
  });
}

export async function chartToSvg(spec: ChartSpec): Promise<string> {
  return (await render(spec, false)).svg!;
}

export async function chartToPng(spec: ChartSpec): Promise<Buffer> {
  const { png } = await render(spec, true);
  return Buffer.from(png!.buffer, png!.byteOffset, png!.byteLength);
}

/** Stops the renderer now (it also stops by itself when idle); the next chart starts a new one. */
export async function stopChartWorker(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  if (w && w.exitCode === null && w.signalCode === null) {
    const exited = new Promise((resolve) => w.once('exit', resolve));
    w.ref();
    w.disconnect();
    await exited;
  }
}

/** The renderer's process id while it runs (for the bench's CPU and memory figures). */
export function chartRendererPid(): number | undefined {
  return worker?.pid;
}
