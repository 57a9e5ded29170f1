// `npm start`'s prestart step: src/**/*.ts → .build/**/*.js (transpiled with esbuild, no type
// checking: `npm run typecheck` does that), so the bot runs as plain JavaScript without the
// TypeScript loader (tsx costs ~90 MB and ~1 s at every start). .build/ sits beside src/, so
// paths the code resolves from its own file (../../drizzle for the migrations) reach the same
// files; the other files src/ reads at run time (JSON) are copied next to the output.
// Plain JavaScript on purpose: it runs before anything is compiled. Tests keep running on src/.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const out = join(root, '.build');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

const all = files(src);
const sources = all.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
// Up to date (nothing in src/ changed since the last build): start at once. Several `npm start`s
// at the same moment (tests, a process manager) then share one output.
const stamp = JSON.stringify([process.version, ...all.map((f) => `${relative(src, f)}:${statSync(f).mtimeMs}:${statSync(f).size}`)]);
const stampFile = join(out, '.stamp');
if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) process.exit(0);

const started = performance.now();
// Built beside, then swapped in: a bot starting meanwhile never reads a half-written tree.
const fresh = `${out}-${process.pid}-${Date.now()}`;
await build({
  entryPoints: sources,
  outdir: fresh,
  outbase: src,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
for (const file of all.filter((f) => !f.endsWith('.ts'))) {
  const target = join(fresh, relative(src, file));
  mkdirSync(dirname(target), { recursive: true });
  cpSync(file, target);
}
writeFileSync(join(fresh, '.stamp'), stamp);
const old = `${fresh}-old`;
try {
  if (existsSync(out)) renameSync(out, old);
  renameSync(fresh, out);
} catch {
  // Another `npm start` swapped in its build of the same sources first: use that one.
  rmSync(fresh, { recursive: true, force: true });
}
rmSync(old, { recursive: true, force: true });
if (process.env.BUILD_VERBOSE) process.stderr.write(`built ${sources.length} files into .build/ in ${Math.round(performance.now() - started)} ms\n`);
