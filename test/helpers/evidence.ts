import { randomBytes } from 'node:crypto';

/** A small but real-looking PDF and JPEG (the bytes are what matters: they must come back unchanged). */
export const pdfBytes = (label: string): Buffer => Buffer.concat([Buffer.from(`%PDF-1.4\n% ${label}\n`), randomBytes(3000), Buffer.from('\n%%EOF\n')]);
export const jpegBytes = (): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(5000), Buffer.from([0xff, 0xd9])]);
