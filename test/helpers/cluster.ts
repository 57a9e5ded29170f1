import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { INSTANCE_LOCK_CLASS } from '../../src/db/instance-lock.js';
import { BotApiDouble, type Update } from '../../src/dev/telegram-double/index.js';
import { freePort, logLines, spawnBot, until, type BotProcess } from './bot-process.js';
import { createScratchDatabase } from './databases.js';
import { startRoundRobinProxy } from './round-robin-proxy.js';

export const WEBHOOK_SECRET = 'several-instances-webhook-secret';

export interface ClusterBot {
  process: BotProcess;
  port: number;
  /** The instance id it logged at start-up (the owner of the journal rows it takes). */
  instance: number;
}

/**
 * Several real bot processes in webhook mode behind a round-robin load balancer, on one scratch
 * PostgreSQL database and one fake Bot API: what "several instances" means in production.
 */
export class Cluster {
  readonly bots: ClusterBot[] = [];

  private constructor(
    readonly api: BotApiDouble,
    /** Ports the load balancer sends to (a bot taken out of rotation is removed). */
    readonly backends: number[],
    readonly proxy: Awaited<ReturnType<typeof startRoundRobinProxy>>,
    readonly sql: postgres.Sql,
    private readonly scratch: { url: string; drop: () => Promise<void> },
    private readonly dataDir: string,
    private readonly env: Record<string, string>,
  ) {}

  static async create(env: Record<string, string>): Promise<Cluster> {
    const scratch = await createScratchDatabase();
    const sql = postgres(scratch.url, { max: 2, onnotice: () => {} });
    const api = await BotApiDouble.start();
    const backends: number[] = [];
    const proxy = await startRoundRobinProxy(() => backends);
    return new Cluster(api, backends, proxy, sql, scratch, mkdtempSync(join(tmpdir(), 'warkop-cluster-')), env);
  }

  /** Starts `count` bots at once and waits until each has set the webhook and takes updates. */
  async start(count: number, extra: Record<string, string> = {}): Promise<ClusterBot[]> {
    const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
    const started = ports.map((port) => {
      const process = spawnBot(
        {
          TELEGRAM_BOT_TOKEN: this.api.token,
          TELEGRAM_API_ROOT: this.api.apiRoot,
          DATABASE_URL: this.scratch.url,
          DATA_DIR: this.dataDir,
          WEBHOOK_URL: `${this.proxy.url}/telegram/webhook`,
          WEBHOOK_SECRET,
          PORT: String(port),
          HOST: '127.0.0.1',
          SEND_LIMITS_SHARED: 'true',
          LOG_LEVEL: 'info',
          ...this.env,
          ...extra,
        },
        `bot on ${port}`,
      );
      return { process, port };
    });
    const bots = await Promise.all(
      started.map(async ({ process, port }) => {
        let instance = 0;
        await until(() => {
          if (process.child.exitCode !== null) throw new Error(`${String(process)} exited early:\n${process.output()}`);
          const line = logLines(process.output()).find((l) => l.msg === 'bot started');
          instance = Number(line?.instance ?? 0);
          return line !== undefined;
        }, `${String(process)} to start`, 120_000);
        return { process, port, instance };
      }),
    );
    for (const bot of bots) {
      this.bots.push(bot);
      this.backends.push(bot.port);
    }
    return bots;
  }

  /** Takes a bot out of the load balancer's rotation (what its health check would do). */
  remove(bot: ClusterBot): void {
    const i = this.backends.indexOf(bot.port);
    if (i !== -1) this.backends.splice(i, 1);
  }

  /** Waits until the bot has finished handling an update (its journal row is marked handled). */
  async handled(update: Update, timeoutMs = 120_000): Promise<void> {
    await until(async () => {
      const [row] = await this.sql<{ done: boolean }[]>`select handled_at is not null as done from telegram_updates where update_id = ${update.update_id}`;
      return row?.done === true;
    }, `update ${update.update_id} to be handled`, timeoutMs, 25);
  }

  /**
   * Waits until the bot has run `ticks` more scheduler ticks from now. Each tick starts with the
   * takeover job's lock check, a query on the instance's own lock session: a new query_start of
   * that session is a new tick, and the tick before it (its takeover included) has finished.
   * A positive marker for "nothing happened meanwhile" checks, instead of sleeping.
   */
  async ticked(bot: ClusterBot, ticks = 2, timeoutMs = 120_000): Promise<void> {
    const seen = new Set<string>();
    let first: string | undefined;
    await until(async () => {
      const [row] = await this.sql<{ at: string | null }[]>`select a.query_start::text as at from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.granted and l.objsubid = 2 and l.classid::bigint = ${INSTANCE_LOCK_CLASS} and l.objid::bigint = ${bot.instance}`;
      if (!row?.at) return false;
      first ??= row.at;
      if (row.at !== first) seen.add(row.at);
      return seen.size >= ticks;
    }, `${ticks} ticks of instance ${bot.instance}`, timeoutMs, 25);
  }

  /** The instance a journal row belongs to right now (null before it is recorded). */
  async ownerOf(update: Update): Promise<number | null> {
    const [row] = await this.sql<{ owner: number | null }[]>`select owner from telegram_updates where update_id = ${update.update_id}`;
    return row?.owner ?? null;
  }

  async close(): Promise<void> {
    for (const bot of this.bots) bot.process.child.kill('SIGKILL');
    await Promise.all(this.bots.map((b) => b.process.exited));
    await this.proxy.close();
    await this.api.close();
    await this.sql.end();
    await this.scratch.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
