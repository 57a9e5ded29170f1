/**
 * `npm start` without a token, or `npm run playground`: arguments → an interactive terminal chat,
 * or a script replayed into a transcript.
 *
 *   npm run playground                     chat in the terminal
 *   npm run playground -- --script FILE    replay FILE, print the transcript, exit 0 (1 on a failing line)
 *   npm run playground -- --fresh          start from nothing in a temporary DATA_DIR (removed on exit)
 */
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { clearLine, createInterface, cursorTo } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, readDotEnv } from '../../config.js';
import { DatabaseLockedError } from '../../db/client.js';
import { createLogger, type Logger } from '../../logger.js';
import { displayPath } from './boot.js';
import { complete } from './commands.js';
import { LineGate } from './line-gate.js';
import { dim, warn, type Style } from './render.js';
import { Playground } from './session.js';
import { PlaygroundStateError } from './store.js';

interface Args {
  script?: string;
  fresh: boolean;
  help: boolean;
}

const USAGE = `Usage: npm run playground [-- --script FILE] [-- --fresh]
  (no arguments)   chat with the bot in this terminal, as one or more Telegram users
  --script FILE    replay FILE (one input per line; blank lines and # comments are echoed), print the
                   transcript, exit 0 — or 1 naming the line that failed (unknown :command, missing button)
  --fresh          use a new, temporary DATA_DIR that is removed on exit (a clean slate every run)
Data (database, playground.json, playground.log, playground-files/) lives in DATA_DIR (default ./data).`;

export function parseArgs(argv: readonly string[]): Args | string {
  const args: Args = { fresh: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--script') {
      const file = argv[++i];
      if (!file) return '--script needs a file name';
      args.script = file;
    } else if (a.startsWith('--script=')) args.script = a.slice('--script='.length);
    else if (a === '--fresh') args.fresh = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else return `unknown argument ${a}`;
  }
  return args;
}

/** Set when whoever reads our output went away (`… | head`): stop quietly instead of crashing on EPIPE. */
let readerGone = false;
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  readerGone = true;
});

function write(line: string): void {
  if (!readerGone) process.stdout.write(`${line}\n`);
}

/** Runs the playground; resolves with the exit code. */
export async function runPlayground(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    write(USAGE);
    return 0;
  }
  readDotEnv();
  let base;
  try {
    // The playground brings its own token; a real one in .env is not needed (nor checked) here.
    base = loadConfig({ ...env, TELEGRAM_BOT_TOKEN: undefined });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  let script: string[] | undefined;
  const scriptName = args.script ?? (process.stdin.isTTY ? undefined : '<stdin>');
  if (args.script) {
    try {
      script = readFileSync(args.script, 'utf8').split(/\r?\n/);
      if (script.at(-1) === '') script.pop();
    } catch (err) {
      process.stderr.write(`Cannot read the script ${args.script}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      return 2;
    }
  } else if (scriptName) {
    script = readFileSync(0, 'utf8').split(/\r?\n/);
    if (script.at(-1) === '') script.pop();
  }

  const dataDir = args.fresh ? mkdtempSync(join(tmpdir(), 'warkop-playground-')) : resolve(base.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const style: Style = { color: process.stdout.isTTY === true && !env.NO_COLOR };
  if (process.stdout.isTTY) {
    style.width = process.stdout.columns;
    process.stdout.on('resize', () => (style.width = process.stdout.columns));
  }
  const logger = playgroundLogger(env, base.LOG_LEVEL, dataDir);

  write(
    `Warkop Indah local playground: the real bot, with a fake Telegram on this computer (data in ${args.fresh ? 'a temporary folder' : displayPath(dataDir)}). ` +
      (script ? `Replaying ${scriptName}. ` : 'Type :help for commands, :quit or Ctrl-C to leave. ') +
      'To run for real: get a token from @BotFather (/newbot), put TELEGRAM_BOT_TOKEN=… in .env, npm start.',
  );

  if (env.DATABASE_URL?.trim() || env.WEBHOOK_URL?.trim()) {
    write(dim('(DATABASE_URL and WEBHOOK_URL are not used here: the playground keeps its own database and talks to its own fake Telegram.)', style));
  }
  if (!script) write(dim('Starting the bot…', style));
  let playground: Playground;
  try {
    playground = await Playground.open({ dataDir, env, logger: logger.logger, style });
  } catch (err) {
    await logger.close();
    if (args.fresh) rmSync(dataDir, { recursive: true, force: true });
    if (err instanceof DatabaseLockedError) {
      process.stderr.write(`The playground database in ${displayPath(dataDir)} is in use: another playground (or npm run seed:demo) is running. Close it first.\n`);
      return 2;
    }
    if (err instanceof PlaygroundStateError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    process.stderr.write(`The playground could not start: ${(err as Error).message}\nDetails: ${join(displayPath(dataDir), 'playground.log')}\n`);
    return 1;
  }
  try {
    return script ? await replay(playground, script, scriptName ?? 'script', style) : await chat(playground, dataDir, style);
  } finally {
    await playground.close('quit').catch(() => {});
    await logger.close();
    if (args.fresh) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Logs go to DATA_DIR/playground.log so the chat stays readable, unless LOG_LEVEL was set explicitly. */
function playgroundLogger(env: NodeJS.ProcessEnv, level: Parameters<typeof createLogger>[0]['level'], dataDir: string): { logger: Logger; close(): Promise<void> } {
  if (env.LOG_LEVEL?.trim()) {
    return { logger: createLogger({ level, secrets: [], destination: process.stderr, pretty: process.stderr.isTTY === true }), close: async () => {} };
  }
  const stream = createWriteStream(join(dataDir, 'playground.log'), { flags: 'a' });
  return {
    logger: createLogger({ level: 'info', secrets: [], destination: stream, pretty: false }),
    close: () => new Promise<void>((done) => stream.end(done)),
  };
}

export interface ReplayFailure {
  /** 1-based line number in the script. */
  line: number;
  error: string;
}

/**
 * Feeds script lines to the playground, writing the transcript: comments and blank lines as they
 * are, each input after its prompt, then what the bot did. Stops at the first line that fails.
 */
export async function replayLines(
  playground: Playground,
  lines: readonly string[],
  style: Style,
  out: (line: string) => void,
  stopped: () => boolean = () => false,
): Promise<ReplayFailure | undefined> {
  playground.resetView();
  for (const line of playground.startup) out(line);
  for (let i = 0; i < lines.length; i++) {
    if (stopped()) return { line: i + 1, error: 'interrupted before this line' };
    const line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) {
      out(dim(line, style));
      continue;
    }
    out(`${playground.prompt()}${line}`);
    const result = await playground.run(line);
    for (const text of result.lines) out(text);
    if (result.error) {
      out(`  ${warn(`✗ ${result.error}`, style)}`);
      return { line: i + 1, error: result.error };
    }
    if (result.quit) break;
  }
  return undefined;
}

async function replay(playground: Playground, lines: string[], name: string, style: Style): Promise<number> {
  let stopped = false;
  const stop = () => {
    if (stopped) process.exit(1);
    stopped = true;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const failure = await replayLines(playground, lines, style, write, () => stopped || readerGone);
    if (!failure || readerGone) return 0;
    process.stderr.write(`${name}:${failure.line}: ${failure.error}\n`);
    return 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

async function chat(playground: Playground, dataDir: string, style: Style): Promise<number> {
  const historyFile = join(dataDir, 'playground-history');
  const history = existsSync(historyFile) ? readFileSync(historyFile, 'utf8').split('\n').filter(Boolean).slice(0, 1000) : [];
  // chat() runs only on a terminal (otherwise stdin is replayed as a script).
  const gate = new LineGate(process.stdin, () => leave('Ctrl-C.'));
  process.stdin.setRawMode(true);
  const rl = createInterface({
    input: gate.output,
    output: process.stdout,
    terminal: true,
    history,
    historySize: 1000,
    removeHistoryDuplicates: true,
    completer: complete,
  });
  rl.on('history', (h: string[]) => {
    try {
      writeFileSync(historyFile, h.join('\n'));
    } catch {
      // history is a convenience
    }
  });
  for (const line of playground.startup) write(line);
  const dashboard = playground.dashboardUrl;
  if (dashboard) write(`The dashboard is served at ${dashboard}/dasbor — send /dasbor here for a sign-in link to open in a browser.`);

  let working = false;
  playground.onBackground((lines) => {
    // Something arrived on its own (a reminder): print it above the line being typed.
    if (!working) {
      clearLine(process.stdout, 0);
      cursorTo(process.stdout, 0);
    }
    for (const out of lines) write(out);
    if (!working) rl.prompt(true);
  });

  let leaving = false;
  const leave = (why: string) => {
    if (leaving) {
      process.stderr.write('\nForced exit.\n');
      process.exit(1);
    }
    leaving = true;
    write(`\n${dim(`${why} Stopping the bot… (everything is kept in ${displayPath(dataDir)}; npm start continues from here)`, style)}`);
    rl.close();
  };
  rl.on('SIGINT', () => leave('Ctrl-C.'));
  const onTerm = () => leave('SIGTERM.');
  process.on('SIGTERM', onTerm);

  rl.setPrompt(playground.prompt());
  rl.prompt();
  try {
    for await (const line of rl) {
      if (leaving) break;
      working = true;
      const result = await playground.run(line);
      working = false;
      for (const out of result.lines) write(out);
      if (result.error) write(`  ${warn(`✗ ${result.error}`, style)}`);
      if (result.quit) {
        leave('Bye.');
        break;
      }
      rl.setPrompt(playground.prompt());
      rl.prompt();
      gate.release();
    }
  } finally {
    process.off('SIGTERM', onTerm);
    process.stdin.setRawMode(false);
    process.stdin.pause();
  }
  if (!leaving) write(`\n${dim(`Stopping the bot… (everything is kept in ${displayPath(dataDir)})`, style)}`);
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly && basename(process.argv[1]!).startsWith('cli')) {
  // stdin and timers may still hold the event loop; everything is closed and flushed by now.
  process.exit(await runPlayground(process.argv.slice(2)));
}
