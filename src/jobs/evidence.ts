import type { Language, OutboxRow } from '../db/schema/index.js';
import { isLastAttempt } from '../domain/jobs/policy.js';
import { enqueueOnce } from '../domain/jobs/queue.js';
import { localDate, toLocal } from '../domain/dates/zoned.js';
import { MAX_FILE_BYTES, storeFile } from '../domain/evidence/files.js';
import { findIndicator, indicatorSetFor, inSeason } from '../domain/evidence/indicators.js';
import { addFileEvidence, evidenceFiles, evidenceProgress, findEvidenceIdea, uploadStored } from '../domain/evidence/items.js';
import { loadEvidenceRecap } from '../domain/evidence/recap.js';
import { DIGEST_FANOUT_KIND, DIGEST_KIND, DOWNLOAD_KIND, DOWNLOAD_POLICY, ZIP_KIND, type DownloadPayload, type ZipPayload } from '../domain/evidence/requests.js';
import { buildEvidenceZip, MAX_ZIP_BYTES } from '../domain/evidence/zip.js';
import { languageFor, reachableCoordinators } from '../domain/members.js';
import { joinHtml, translator, type Html } from '../i18n/index.js';
import { digestHead, formatBytes, MAX_MB, renderRecap, zipLabels, type RenderContext } from '../bot/views/evidence.js';
import type { OutboxHandler, OutboxOutcome } from './worker.js';
import type { Job, JobContext } from './scheduler.js';

const DOWNLOAD_TIMEOUT_MS = 120_000;

function renderFor(jc: JobContext, lang: Language): RenderContext {
  return { t: translator(lang), lang, timeZone: jc.config.TZ_NAME };
}

async function say(jc: JobContext, chatId: number, text: Html): Promise<void> {
  await jc.sender.call('sendMessage', { chat_id: chatId, text: text.toString(), parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
}

function description(err: unknown): string {
  return String((err as { description?: unknown }).description ?? '');
}

function permanent(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' && code >= 400 && code < 500 && code !== 429;
}

/**
 * Fetches the bytes of a file a member sent (getFile, then the file URL, which holds the bot
 * token: it is never logged), keeps them with the evidence row in one transaction, and confirms.
 * A retried row whose file was already stored only confirms again.
 */
async function download(row: OutboxRow, jc: JobContext): Promise<OutboxOutcome> {
  const p = row.payload as DownloadPayload;
  const chatId = row.chatId!;
  const v = renderFor(jc, p.lang);
  const db = jc.database.db;
  const set = indicatorSetFor(p.year);
  const ind = findIndicator(set, p.indicator);
  if (!ind) return { status: 'failed', outcome: 'unknown_indicator' };

  let size = p.size ?? 0;
  if (!(await uploadStored(db, row.dedupeKey))) {
    let bytes: Buffer;
    try {
      const file = await jc.sender.call('getFile', { file_id: p.telegramFileId });
      if (!file.file_path) throw Object.assign(new Error('no file_path'), { code: 400 });
      if ((file.file_size ?? 0) > MAX_FILE_BYTES) throw Object.assign(new Error('file is too big'), { code: 400, description: 'file is too big' });
      const token = jc.config.TELEGRAM_BOT_TOKEN ?? '';
      const res = await fetch(`${jc.config.TELEGRAM_API_ROOT.replace(/\/+$/, '')}/file/bot${token}/${file.file_path}`, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
      if (!res.ok) throw Object.assign(new Error(`file download answered ${res.status}`), { code: res.status >= 500 ? 502 : res.status });
      bytes = Buffer.from(await res.arrayBuffer());
      if (bytes.length > MAX_FILE_BYTES) throw Object.assign(new Error('file is too big'), { code: 400, description: 'file is too big' });
      if (p.size !== null && bytes.length !== p.size) throw Object.assign(new Error('file download was cut short'), { code: 502 });
    } catch (err) {
      // The URL holds the token: only a reason code goes to the log.
      const tooBig = /file is too big/i.test(description(err));
      const giveUp = tooBig || permanent(err) || isLastAttempt(DOWNLOAD_POLICY.retry, row.attempts);
      jc.logger.info({ job: 'evidence', id: row.id, attempt: row.attempts, code: (err as { code?: unknown }).code ?? 'network', giveUp }, 'evidence download failed');
      if (!giveUp) return { status: 'retry', outcome: 'download' };
      await say(jc, chatId, tooBig ? v.t('evidence.downloadTooLarge', { name: p.fileName, maxMb: MAX_MB }) : v.t('evidence.downloadFailed', { name: p.fileName }));
      return { status: 'failed', outcome: tooBig ? 'too_big' : 'download' };
    }
    size = bytes.length;
    const at = jc.clock.now();
    await db.transaction(async (tx) => {
      const fileId = await storeFile(tx, { bytes, fileName: p.fileName, mimeType: p.mimeType, telegramFileId: p.telegramFileId, telegramFileUniqueId: p.telegramFileUniqueId });
      await addFileEvidence(tx, { ideaId: p.ideaId, year: set.year, indicator: ind.code, addedBy: p.memberId, caption: p.caption, at, fileId, fileName: p.fileName, uploadKey: row.dedupeKey });
    });
  }
  const progress = await evidenceProgress(db, p.ideaId, set.year);
  await say(
    jc,
    chatId,
    v.t('evidence.stored', { name: p.fileName, size: formatBytes(size, p.lang), number: ind.number, indicator: ind.name[p.lang], done: progress.done, total: progress.total, id: p.ideaId }),
  );
  return { status: 'sent' };
}

/** Builds the hand-over ZIP of one innovation and sends it as a document (or says why not). */
async function buildZip(row: OutboxRow, jc: JobContext): Promise<OutboxOutcome> {
  const p = row.payload as ZipPayload;
  const chatId = row.chatId!;
  const v = renderFor(jc, p.lang);
  const db = jc.database.db;
  const idea = await findEvidenceIdea(db, p.ideaId);
  if (!idea) return { status: 'skipped', outcome: 'gone' };
  const set = indicatorSetFor(p.year);
  const items = await evidenceFiles(db, idea.id, set.year);
  if (items.length === 0) {
    await say(jc, chatId, v.t('evidence.zip.empty', { name: idea.name, id: idea.id }));
    return { status: 'sent', outcome: 'empty' };
  }
  const { zip } = await buildEvidenceZip(set, p.lang, items, zipLabels(v));
  if (zip.length > MAX_ZIP_BYTES) {
    await say(jc, chatId, v.t('evidence.zip.tooLarge', { name: idea.name, size: formatBytes(zip.length, p.lang) }));
    return { status: 'sent', outcome: 'too_large' };
  }
  const progress = await evidenceProgress(db, idea.id, set.year);
  await jc.sender.call('sendDocument', {
    chat_id: chatId,
    document: { source: zip, filename: v.t('evidence.zip.fileName', { year: set.year, name: idea.name }).toString().replace(/[/\\:*?"<>|]+/g, ' ') },
    caption: v.t('evidence.zip.caption', {
      name: idea.name,
      title: set.title[p.lang],
      files: items.filter((i) => i.kind === 'file').length,
      links: items.filter((i) => i.kind === 'link').length,
      done: progress.done,
      total: progress.total,
    }).toString(),
    parse_mode: 'HTML',
  });
  return { status: 'sent' };
}

/** The weekly digest fans out into one row per coordinator (each in their own language). */
async function digestFanout(row: OutboxRow, jc: JobContext): Promise<OutboxOutcome> {
  const coordinators = await reachableCoordinators(jc.database.db);
  return {
    status: 'sent',
    children: coordinators.map((m) => ({
      kind: DIGEST_KIND,
      ref: row.ref,
      dedupeKey: `${row.dedupeKey}:${m.id}`,
      chatId: m.telegramId,
      dueAt: row.dueAt,
      payload: { year: (row.payload as { year: number }).year, lang: languageFor(m, undefined, jc.config.DEFAULT_LANGUAGE) },
    })),
  };
}

async function digest(row: OutboxRow, jc: JobContext): Promise<OutboxOutcome> {
  const p = row.payload as { year: number; lang: Language };
  const v = renderFor(jc, p.lang);
  const set = indicatorSetFor(p.year);
  const recap = await loadEvidenceRecap(jc.database.db, set);
  await say(jc, row.chatId!, joinHtml([digestHead(v, set), renderRecap(v, set, recap)], '\n\n'));
  return { status: 'sent' };
}

export const evidenceOutboxHandlers: Record<string, OutboxHandler> = {
  [DOWNLOAD_KIND]: download,
  [ZIP_KIND]: buildZip,
  [DIGEST_FANOUT_KIND]: digestFanout,
  [DIGEST_KIND]: digest,
};

/**
 * During the reporting season (dates in the indicator file), once a week on the file's weekday
 * from its time (WITA), queues the digest for the coordinators. The dedupe key makes it once per
 * week however many instances and ticks see the moment.
 */
export function evidenceDigestJob(): Job {
  let lastDigestKey: string | undefined;
  return {
    name: 'evidence-digest',
    async run(jc) {
      const now = jc.clock.now();
      const tz = jc.config.TZ_NAME;
      const local = toLocal(now, tz);
      const set = indicatorSetFor(local.year);
      const day = localDate(now, tz);
      if (!inSeason(set, day)) return 0;
      const isoWeekday = local.weekday === 0 ? 7 : local.weekday;
      const hhmm = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
      if (isoWeekday !== set.digest.weekday || hhmm < set.digest.time) return 0;
      const key = `evidence-digest:${set.year}:${day}`;
      if (lastDigestKey === key) return 0;
      const inserted = await enqueueOnce(jc.database.db, { kind: DIGEST_FANOUT_KIND, ref: `evidence-digest:${set.year}`, dedupeKey: key, chatId: null, dueAt: now, payload: { year: set.year } });
      lastDigestKey = key;
      return inserted ? 1 : 0;
    },
  };
}
