// The embedded database's own thread (a node:worker_threads Worker started by client.ts): it opens
// PGlite and serves the bot thread's statements, so PostgreSQL's WebAssembly runs on one core while
// telegraf and drizzle run on the other. Plain JavaScript on purpose, like charts/render-worker.mjs:
// it starts the same under tsx (tests, bench) and from .build/ (`npm start`, build.mjs copies it),
// and without the TypeScript loader in the thread (tsx alone costs ~90 MB).
//
// Protocol (client.ts holds the types): the bot thread sends { id, op, ... }; every request gets one
// reply { id, ok: true, value } or { id, ok: false, error }. PGlite orders the work itself: a statement
// outside a transaction waits on its mutex while one is open, as it does in-process.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const { dataDir, startParams } = workerData;
/** @type {PGlite} */
let pg;
try {
  pg = await PGlite.create(dataDir, { extensions: { pg_trgm }, startParams: [...PGlite.defaultStartParams, ...startParams] });
} catch (err) {
  parentPort.postMessage({ ready: false, error: plainError(err) });
  process.exit(1);
}

/** Open transactions by id: their PGlite handle and how to end them. */
const transactions = new Map();
let nextTx = 1;
const ROLLBACK = Symbol('rollback');

/**
 * Parsers are functions and cannot cross threads: the bot thread names the type OIDs it parses
 * itself (drizzle keeps dates and intervals as text), and here those come back as PostgreSQL's text.
 */
const identity = (value) => value;
const rawParsers = new Map();
function parsersFor(oids) {
  if (!oids?.length) return undefined;
  const key = oids.join(',');
  let parsers = rawParsers.get(key);
  if (!parsers) rawParsers.set(key, (parsers = Object.fromEntries(oids.map((oid) => [oid, identity]))));
  return parsers;
}

function target(tx) {
  if (tx === undefined) return pg;
  const open = transactions.get(tx);
  if (!open) throw new Error(`transaction ${tx} is not open`);
  return open.handle;
}

/** Only the plain fields of an error (DatabaseError's code, detail, constraint…): its queryOptions hold functions. */
function plainError(err) {
  const out = { message: String(err?.message ?? err), name: err?.name ?? 'Error' };
  if (err && typeof err === 'object') {
    for (const [key, value] of Object.entries(err)) {
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
    }
  }
  return out;
}

const reply = (id, value) => parentPort.postMessage({ id, ok: true, value });
const fail = (id, err) => parentPort.postMessage({ id, ok: false, error: plainError(err) });

function begin(id) {
  const tx = nextTx++;
  let started = false;
  let endId;
  pg.transaction(async (handle) => {
    started = true;
    const commit = await new Promise((resolve) => {
      transactions.set(tx, { handle, end: (requestId, ok) => ((endId = requestId), resolve(ok)) });
      reply(id, tx);
    });
    if (!commit) throw ROLLBACK;
  }).then(
    () => {
      transactions.delete(tx);
      reply(endId, undefined);
    },
    (err) => {
      transactions.delete(tx);
      if (!started) fail(id, err);
      else if (err === ROLLBACK) reply(endId, undefined);
      else fail(endId, err); // COMMIT itself failed
    },
  );
}

async function handle(message) {
  const { id, op } = message;
  try {
    switch (op) {
      case 'query': {
        const result = await target(message.tx).query(message.text, message.params, {
          rowMode: message.rowMode,
          parsers: parsersFor(message.rawOids),
          paramTypes: message.paramTypes,
        });
        return reply(id, result);
      }
      case 'exec':
        return reply(id, await target(message.tx).exec(message.text));
      case 'begin':
        return begin(id);
      case 'end': {
        const open = transactions.get(message.tx);
        if (!open) throw new Error(`transaction ${message.tx} is not open`);
        return open.end(id, message.commit);
      }
      case 'rollback':
        await target(message.tx).rollback();
        return reply(id, undefined);
      case 'close':
        await pg.close();
        reply(id, undefined);
        return parentPort.close();
      default:
        throw new Error(`unknown operation ${op}`);
    }
  } catch (err) {
    fail(id, err);
  }
}

parentPort.on('message', (message) => void handle(message));
parentPort.postMessage({ ready: true });
