import { Worker } from 'node:worker_threads';
import type { PGlite, QueryOptions, Results, Transaction } from '@electric-sql/pglite';

/**
 * The bot thread's side of PGlite in a worker thread (host.mjs): the part of PGlite's surface that
 * drizzle-orm/pglite, statement-count.ts and transfer/transaction.ts use, each call a message to the
 * thread. Values cross by structured clone (Date, Uint8Array, bigint, JSON objects keep their types).
 */
export interface PgliteThread {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(text: string, options?: QueryOptions): Promise<Results[]>;
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

type Request =
  | { op: 'query'; text: string; params: unknown[]; rowMode?: 'array' | 'object'; rawOids?: number[]; paramTypes?: number[]; tx?: number }
  | { op: 'exec'; text: string; tx?: number }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'rollback'; tx: number }
  | { op: 'close' };

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: Record<string, unknown> & { message: string } };

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  /** Where the call was made: the thread's error has only the host's stack. */
  trace: Error;
}

export async function openPgliteThread(dataDir: string, startParams: string[]): Promise<PgliteThread> {
  const worker = new Worker(new URL('./host.mjs', import.meta.url), { workerData: { dataDir, startParams } });
  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`PGlite thread exited (${code}) while starting`));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.once('message', (message: { ready: boolean; error?: Record<string, unknown> & { message: string } }) => {
      worker.off('error', reject);
      worker.off('exit', onExit);
      if (message.ready) resolve();
      else reject(revive(message.error ?? { message: 'PGlite thread failed to start' }, new Error()));
    });
  });

  const pending = new Map<number, Pending>();
  let nextId = 1;
  let gone: Error | undefined;
  // Held only while a statement is in flight: like PGlite in-process, an idle database does not keep
  // the process alive (a test that ends, a bot that is stopping).
  worker.unref();

  const settle = (id: number): Pending | undefined => {
    const call = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    return call;
  };
  worker.on('message', (reply: Reply) => {
    const call = settle(reply.id);
    if (!call) return;
    if (reply.ok) call.resolve(reply.value);
    else call.reject(revive(reply.error, call.trace));
  });
  const lost = (err: Error) => {
    gone ??= err;
    for (const id of [...pending.keys()]) settle(id)?.reject(gone);
  };
  worker.on('error', (err) => lost(new Error(`PGlite thread failed: ${err.message}`, { cause: err })));
  worker.on('exit', (code) => lost(new Error(`PGlite thread exited (${code})`)));

  const call = <T>(request: Request): Promise<T> => {
    if (gone) return Promise.reject(gone);
    const id = nextId++;
    if (pending.size === 0) worker.ref();
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, trace: new Error() });
      worker.postMessage({ id, ...request });
    });
  };

  const query = async <T>(text: string, params: unknown[] = [], options: QueryOptions = {}, tx?: number): Promise<Results<T>> => {
    if (options.serializers || options.blob || options.onNotice) throw new Error('PGlite thread: serializers, blob and onNotice cannot cross threads');
    const parsers = options.parsers;
    const rawOids = parsers ? Object.keys(parsers).map(Number) : undefined;
    const result = await call<Results<T>>({ op: 'query', text, params, rowMode: options.rowMode, rawOids, paramTypes: options.paramTypes, tx });
    if (parsers) applyParsers(result as Results<unknown>, parsers, options.rowMode === 'array');
    return result;
  };
  const exec = (text: string, tx?: number) => call<Results[]>({ op: 'exec', text, tx });

  return {
    query: (text, params, options) => query(text, params, options),
    exec: (text) => exec(text),
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      const id = await call<number>({ op: 'begin' });
      let closed = false;
      const tx = {
        query: <R>(text: string, params?: unknown[], options?: QueryOptions) => query<R>(text, params, options, id),
        exec: (text: string) => exec(text, id),
        rollback: async () => {
          await call({ op: 'rollback', tx: id });
          closed = true;
        },
        get closed() {
          return closed;
        },
      } as unknown as Transaction;
      let result: T;
      try {
        result = await fn(tx);
      } catch (err) {
        // The thread rolls back; the caller hears its own error, as with PGlite's transaction().
        await call({ op: 'end', tx: id, commit: false }).catch(() => {});
        throw err;
      } finally {
        closed = true;
      }
      await call({ op: 'end', tx: id, commit: true });
      return result;
    },
    async close() {
      if (gone) return;
      await call({ op: 'close' });
      gone = new Error('PGlite thread is closed');
      await worker.terminate();
    },
  };
}

/** What drizzle's parsers would have made of the text the thread left as is (host.mjs parsersFor). */
function applyParsers(result: Results<unknown>, parsers: NonNullable<QueryOptions['parsers']>, arrayRows: boolean): void {
  const columns = result.fields.flatMap(({ name, dataTypeID }, index) => {
    const parse = parsers[dataTypeID];
    // PGlite calls a parser with the type too (its Parser type says so; ParserOptions forgets it).
    return parse ? [{ key: arrayRows ? index : name, parse: parse as (text: string, typeId: number) => unknown, dataTypeID }] : [];
  });
  if (columns.length === 0) return;
  for (const row of result.rows as Record<string | number, unknown>[]) {
    for (const { key, parse, dataTypeID } of columns) {
      const value = row[key];
      if (value !== null && value !== undefined) row[key] = parse(value as string, dataTypeID);
    }
  }
}

/** The thread's error as an Error here, with PostgreSQL's fields (`code`, `constraint`, …) kept. */
function revive(fields: Record<string, unknown> & { message: string }, trace: Error): Error {
  const err = Object.assign(new Error(fields.message), fields);
  err.stack = `${String(fields.name ?? 'Error')}: ${fields.message}${trace.stack?.slice(trace.stack.indexOf('\n')) ?? ''}`;
  return err;
}

/** drizzle-orm/pglite types its client as PGlite; the thread serves the part of it drizzle calls. */
export const asPglite = (client: PgliteThread): PGlite => client as unknown as PGlite;
