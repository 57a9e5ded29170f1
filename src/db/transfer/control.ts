import { chmodSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import type { BackupResult } from './backups.js';

/**
 * How `npm run backup` reaches a running bot: PGlite lives inside the bot's process, so only that
 * process can read a consistent copy. The bot listens on a Unix socket in DATA_DIR (`bot.sock`, mode
 * 0600): local only, and only the system user that owns the data — who could read DATA_DIR anyway —
 * may connect. No port, no token to configure or leak. One request: `POST /backup`.
 */
export function controlSocketPath(dataDir: string): string {
  return join(resolve(dataDir), 'bot.sock');
}

export async function startControlSocket(dataDir: string, backup: () => Promise<BackupResult>): Promise<Server> {
  const path = controlSocketPath(dataDir);
  // Left by a bot that crashed: this process holds DATA_DIR's lock, so the file is nobody's.
  rmSync(path, { force: true });
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/backup') {
      res.writeHead(404).end();
      return;
    }
    backup().then(
      (result) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result)),
      (err: unknown) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (err as Error).message })),
    );
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(path, () => {
      server.off('error', fail);
      ok();
    });
  });
  chmodSync(path, 0o600);
  return server;
}

export async function closeControlSocket(server: Server, dataDir: string): Promise<void> {
  await new Promise<void>((ok) => server.close(() => ok()));
  rmSync(controlSocketPath(dataDir), { force: true });
}

/** Asks the bot running on DATA_DIR for a backup; its answer, or an error naming what went wrong. */
export function requestBackup(dataDir: string): Promise<BackupResult> {
  return new Promise((ok, fail) => {
    const req = request({ socketPath: controlSocketPath(dataDir), method: 'POST', path: '/backup' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BackupResult & { error?: string };
          if (res.statusCode === 200) ok({ ...body, takenAt: new Date(body.takenAt) });
          else fail(new Error(body.error ?? `status ${res.statusCode}`));
        } catch (err) {
          fail(err as Error);
        }
      });
    });
    req.on('error', fail);
    req.end();
  });
}
