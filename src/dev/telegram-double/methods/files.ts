/** Files: uploads in multipart requests, and getFile (downloads are served by server.ts). */
import { badRequest } from '../errors.js';
import type { Handler } from './context.js';
import { str } from './payload.js';

/** The Bot API lets bots download files of at most 20 MB (getFile answers "file is too big" above). */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** A file uploaded in a multipart request. */
export class UploadedFile {
  constructor(
    readonly filename: string,
    readonly type: string,
    readonly content: Buffer,
  ) {}
  toJSON(): Record<string, unknown> {
    return { filename: this.filename, type: this.type, size: this.content.length };
  }
}

export const getFile: Handler = (ctx, p) => {
  const f = ctx.state.files.get(str(p, 'file_id') ?? '');
  if (!f) throw badRequest('invalid file_id');
  // Bots may download files of up to 20 MB; for bigger ones Telegram refuses getFile.
  if (f.content.length > MAX_DOWNLOAD_BYTES) throw badRequest('file is too big');
  return { file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.content.length, file_path: f.file_path };
};
