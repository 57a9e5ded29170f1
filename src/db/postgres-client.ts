import postgres from 'postgres';

/**
 * A postgres.js client that survives the database going away.
 *
 * postgres.js 3.4.9 (the latest release) has two open bugs on a connection the server closes
 * (porsager/postgres#1066, #1154, #1208; fixes proposed in PRs #1168 and #1176, not released):
 *  - a write scheduled just before the close can leave that pool slot unable to ever send again,
 *    so later queries on it hang for good;
 *  - a transaction in flight when its connection dies issues its ROLLBACK on the dead socket from a
 *    timer, throwing a TypeError no caller can catch: the process crashes.
 * Both were hit by the fault suite (PostgreSQL stopped for 10 s: test/faults/db-outage.test.ts).
 *
 * So the pool is disposable: whenever one of its connections closes without being asked to (with
 * no idle timeout (postgres.js's default) and no lifetime limit, only the server or the network closes them), a fresh
 * client takes over at once and the old one is ended, rejecting whatever it had stuck. Callers hold
 * a stable proxy and never see the swap. main.ts catches that one TypeError (isWriteAfterClose) and
 * renews as well. Remove when a postgres.js release carries the fix.
 */
export interface RenewableSql {
  /** What drizzle and raw queries use; always the current client. */
  sql: postgres.Sql;
  /** Replaces the pool now (throttled to once a second) and ends the old one. */
  renew(reason: string): void;
  end(): Promise<void>;
}

const RENEW_AT_MOST_EVERY_MS = 1_000;
/** Queries still running on a replaced pool get this long to finish. */
const OLD_POOL_GRACE_S = 5;

export function renewableSql(url: string, options: postgres.Options<Record<string, postgres.PostgresType>>, prepare: (client: postgres.Sql) => void, onRenew?: (reason: string) => void): RenewableSql {
  let current: postgres.Sql;
  let lastRenew = 0;
  let ending = false;

  const create = (): postgres.Sql => {
    const client: postgres.Sql = postgres(url, {
      ...options,
      max_lifetime: null,
      onclose: () => {
        if (!ending && client === current) renew('a database connection closed');
      },
    });
    prepare(client);
    return client;
  };

  function renew(reason: string): void {
    const now = Date.now();
    if (ending || now - lastRenew < RENEW_AT_MOST_EVERY_MS) return;
    lastRenew = now;
    const old = current;
    current = create();
    onRenew?.(reason);
    void old.end({ timeout: OLD_POOL_GRACE_S }).catch(() => {});
  }

  current = create();
  const sql = new Proxy(function placeholder() {} as unknown as postgres.Sql, {
    get: (_target, prop) => Reflect.get(current, prop, current) as unknown,
    set: (_target, prop, value) => Reflect.set(current, prop, value, current),
    apply: (_target, thisArg, args: unknown[]) => Reflect.apply(current as unknown as (...a: unknown[]) => unknown, thisArg, args),
  });

  return {
    sql,
    renew,
    end: async () => {
      ending = true;
      await current.end({ timeout: 5 });
    },
  };
}

/** The uncatchable TypeError postgres.js throws from a timer when it writes to a closed connection. */
export function isWriteAfterClose(err: unknown): boolean {
  if (!(err instanceof TypeError)) return false;
  return /reading 'write'|evaluating 'socket\.write'/.test(err.message) && /postgres[\\/](cjs[\\/])?src[\\/]connection\.js/.test(err.stack ?? '');
}
