import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { storedFiles } from '../../db/schema/index.js';

/** Telegram lets bots download files of at most 20 MB. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * What the ministry's site and a reviewer can open: documents, spreadsheets, slides, images and
 * short videos. Archives (zip, rar) are refused: nobody can tell from the index what is inside,
 * and the hand-over ZIP would nest them.
 */
const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

export const ALLOWED_EXTENSIONS = Object.keys(TYPES);

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

export type UploadCheck = { ok: true; mimeType: string } | { ok: false; reason: 'too_large' | 'unsupported' };

/** Size and type of a file a member sent, before anything is downloaded. */
export function checkUpload(file: { fileName: string; mimeType?: string | undefined; size?: number | undefined }): UploadCheck {
  if (file.size !== undefined && file.size > MAX_FILE_BYTES) return { ok: false, reason: 'too_large' };
  const byName = TYPES[extensionOf(file.fileName)];
  if (byName) return { ok: true, mimeType: byName };
  const declared = file.mimeType?.toLowerCase();
  if (declared && Object.values(TYPES).includes(declared)) return { ok: true, mimeType: declared };
  return { ok: false, reason: 'unsupported' };
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface NewStoredFile {
  bytes: Buffer;
  fileName: string;
  mimeType: string;
  telegramFileId?: string | undefined;
  telegramFileUniqueId?: string | undefined;
}

/** Keeps a file's bytes; the same bytes sent twice are kept once. Returns the file's id. */
export async function storeFile(tx: DbOrTx, file: NewStoredFile): Promise<number> {
  const digest = sha256(file.bytes);
  const [same] = await tx
    .select({ id: storedFiles.id })
    .from(storedFiles)
    .where(and(eq(storedFiles.sha256, digest), eq(storedFiles.size, file.bytes.length)))
    .limit(1);
  if (same) return same.id;
  const [row] = await tx
    .insert(storedFiles)
    .values({
      sha256: digest,
      size: file.bytes.length,
      mimeType: file.mimeType,
      fileName: file.fileName,
      bytes: file.bytes,
      telegramFileId: file.telegramFileId ?? null,
      telegramFileUniqueId: file.telegramFileUniqueId ?? null,
    })
    .returning({ id: storedFiles.id });
  return row!.id;
}
