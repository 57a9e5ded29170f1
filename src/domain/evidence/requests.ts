import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { outbox, type Language } from '../../db/schema/index.js';
import { enqueue } from '../jobs/queue.js';
import type { KindPolicy } from '../jobs/policy.js';

/**
 * Slow evidence work goes through the generic outbox: the message handler writes a row and
 * answers; the outbox worker downloads the file (or builds the ZIP) and tells the member.
 */
export const DOWNLOAD_KIND = 'evidence_download';
/** A file Telegram will not hand over yet is tried five times (10 s doubling), then the member is told. */
export const DOWNLOAD_POLICY: KindPolicy = { retry: { baseMs: 10_000, factor: 2, maxAttempts: 5 } };
export const ZIP_KIND = 'evidence_zip';
export const DIGEST_KIND = 'evidence_digest';
export const DIGEST_FANOUT_KIND = 'evidence_digest_all';

export interface DownloadPayload {
  ideaId: number;
  year: number;
  indicator: string;
  memberId: number;
  telegramFileId: string;
  telegramFileUniqueId: string;
  fileName: string;
  mimeType: string;
  size: number | null;
  caption: string | null;
  lang: Language;
  [key: string]: unknown;
}

export interface ZipPayload {
  ideaId: number;
  year: number;
  memberId: number;
  lang: Language;
  [key: string]: unknown;
}

const uploadRef = (memberId: number) => `evidence-upload:${memberId}`;
const zipRef = (ideaId: number, memberId: number) => `evidence-zip:${ideaId}:${memberId}`;

async function pending(db: DbOrTx, kind: string, ref: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.ref, ref), eq(outbox.kind, kind), inArray(outbox.status, ['pending'])))
    .limit(1);
  return row?.payload;
}

/**
 * Queues the download of a file a member sent; 'busy' while an earlier one of theirs is still
 * being received (one at a time, so each gets its own confirmation and nothing is mixed up).
 * `key` is unique per Telegram update, so a re-run queues nothing twice.
 */
export async function requestDownload(
  tx: DbOrTx,
  args: { key: string; chatId: number; payload: DownloadPayload; now: Date },
): Promise<{ status: 'queued' } | { status: 'busy'; fileName: string }> {
  const ref = uploadRef(args.payload.memberId);
  const earlier = await pending(tx, DOWNLOAD_KIND, ref);
  if (earlier) return { status: 'busy', fileName: String(earlier.fileName ?? '') };
  await enqueue(tx, [{ kind: DOWNLOAD_KIND, ref, dedupeKey: `evidence-download:${args.key}`, chatId: args.chatId, dueAt: args.now, payload: args.payload }]);
  return { status: 'queued' };
}

/** Queues building the hand-over ZIP; 'busy' while the same member's ZIP of this idea is being built. */
export async function requestZip(tx: DbOrTx, args: { key: string; chatId: number; payload: ZipPayload; now: Date }): Promise<'queued' | 'busy'> {
  const ref = zipRef(args.payload.ideaId, args.payload.memberId);
  if (await pending(tx, ZIP_KIND, ref)) return 'busy';
  await enqueue(tx, [{ kind: ZIP_KIND, ref, dedupeKey: `evidence-zip:${args.key}`, chatId: args.chatId, dueAt: args.now, payload: args.payload }]);
  return 'queued';
}
