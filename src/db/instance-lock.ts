import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Logger } from '../logger.js';
import type { Database } from './client.js';

/**
 * Which bot instances are alive, without heartbeats: each instance holds a session-level advisory
 * lock (class INSTANCE_LOCK_CLASS, its random id) on a connection of its own for as long as it
 * runs. PostgreSQL drops the lock the moment that session ends — a clean stop, a crash, SIGKILL —
 * so another instance can take over the dead one's unfinished updates at once, and never those of
 * an instance that is merely busy. On PGlite (one process) the same SQL works on its one session.
 */
export const INSTANCE_LOCK_CLASS = 7_261_019;

/** The ids of the instances alive right now, as a subquery for `owner in (…)` / `not in (…)`. */
export const liveInstances = sql.raw(
  `select objid::bigint from pg_locks where locktype = 'advisory' and granted and objsubid = 2 and classid::bigint = ${INSTANCE_LOCK_CLASS} ` +
    `and database = (select oid from pg_database where datname = current_database())`,
);

interface Session {
  query<T>(text: string, params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

async function openSession(database: Database): Promise<Session> {
  if (database.engine === 'pglite') return { query: (text, params) => database.query(text, params), close: async () => {} };
  if (!database.url) throw new Error('InstanceLock needs the PostgreSQL URL');
  // A client of its own with one connection that never retires (max_lifetime 0), rather than a
  // connection reserved from the pool: postgres.js 3.4.9 crashes the process when a reserved
  // connection's backend dies (porsager/postgres#1208), while a pool reconnects — and then the lock
  // is simply taken again by keepAlive.
  const client = postgres(database.url, { max: 1, max_lifetime: 0, idle_timeout: 0, onnotice: () => {}, connection: { application_name: 'warkop-indah-bot:instance' } });
  return {
    query: async <T>(text: string, params: unknown[]) => (await client.unsafe(text, params as never[])) as unknown as T[],
    close: () => client.end({ timeout: 5 }),
  };
}

const TRY_LOCK = 'select pg_try_advisory_lock($1::int, $2::int) as ok';
const HELD =
  "select exists(select 1 from pg_locks where locktype = 'advisory' and granted and objsubid = 2 and classid::bigint = $1 and objid::bigint = $2 and pid = pg_backend_pid()) as held";

export class InstanceLock {
  private released = false;

  private constructor(
    readonly id: number,
    private readonly session: Session,
    private readonly logger: Logger,
  ) {}

  /** Takes a fresh instance id and its lock. */
  static async acquire(database: Database, logger: Logger): Promise<InstanceLock> {
    const session = await openSession(database);
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        const id = randomInt(1, 2 ** 31 - 1);
        const [row] = await session.query<{ ok: boolean }>(TRY_LOCK, [INSTANCE_LOCK_CLASS, id]);
        if (row?.ok) return new InstanceLock(id, session, logger);
      }
    } catch (err) {
      await session.close().catch(() => {});
      throw err;
    }
    await session.close();
    throw new Error('could not take an instance lock');
  }

  /**
   * Makes sure the lock is still held: a lost connection (database restart) loses it, and until it
   * is taken again other instances see this one as gone. Called on every scheduler tick.
   */
  async keepAlive(): Promise<void> {
    if (this.released) return;
    try {
      const [row] = await this.session.query<{ held: boolean }>(HELD, [INSTANCE_LOCK_CLASS, this.id]);
      if (row?.held) return;
      const [again] = await this.session.query<{ ok: boolean }>(TRY_LOCK, [INSTANCE_LOCK_CLASS, this.id]);
      this.logger.warn({ instance: this.id, retaken: again?.ok === true }, 'instance lock was lost (database connection dropped)');
    } catch (err) {
      // Database away: the client reconnects by itself; the next check takes the lock again.
      this.logger.warn({ instance: this.id, err: { type: (err as Error).name, code: (err as { code?: unknown }).code } }, 'instance lock check failed');
    }
  }

  /** Lets go at shutdown: from now on this instance's unfinished updates are free for others. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    try {
      await this.session.query('select pg_advisory_unlock($1::int, $2::int)', [INSTANCE_LOCK_CLASS, this.id]);
    } catch {
      // The session is gone, and the lock with it.
    } finally {
      await this.session.close().catch(() => {});
    }
  }
}
