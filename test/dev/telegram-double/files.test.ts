import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Telegram, TelegramError } from 'telegraf';
import type { Message, Update } from 'telegraf/types';
import { BotApiDouble } from '../../../src/dev/telegram-double/index.js';

/** Users sending files, as Telegram delivers them: documents, photos as PhotoSize arrays, getFile and the file URL. */
let double: BotApiDouble;
let tg: Telegram;

beforeEach(async () => {
  double = await BotApiDouble.start({ maxLongPollMs: 1000 });
  tg = new Telegram(double.token, { apiRoot: double.apiRoot });
});

afterEach(async () => {
  await double.close();
});

async function nextMessage(): Promise<Message> {
  const updates = (await tg.callApi('getUpdates', { timeout: 1 } as never)) as unknown as Update[];
  const last = updates.at(-1) as Update.MessageUpdate | undefined;
  if (!last) throw new Error('no update');
  await tg.callApi('getUpdates', { offset: last.update_id + 1, timeout: 0 } as never);
  return last.message;
}

async function download(fileId: string): Promise<Buffer> {
  const link = await tg.getFileLink(fileId);
  const res = await fetch(link);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('fake Bot API: files users send', () => {
  it('delivers a document with file_id, file_unique_id, file_size, mime type and caption; getFile and the URL give the bytes', async () => {
    const ana = double.createUser({ first_name: 'Ana' });
    const bytes = Buffer.from('%PDF-1.4 contoh');
    double.sendDocument(ana, double.privateChat(ana), { file_name: 'SK.pdf', content: bytes, mime_type: 'application/pdf', caption: 'SK Bupati' });
    const msg = (await nextMessage()) as Message.DocumentMessage;
    expect(msg.document).toMatchObject({ file_name: 'SK.pdf', mime_type: 'application/pdf', file_size: bytes.length });
    expect(msg.document.file_id).toMatch(/^BQAC/);
    expect(msg.document.file_unique_id).toMatch(/^AgAD/);
    expect(msg.caption).toBe('SK Bupati');
    const file = await tg.getFile(msg.document.file_id);
    expect(file).toMatchObject({ file_id: msg.document.file_id, file_size: bytes.length, file_path: expect.stringMatching(/^documents\/file_\d+\.pdf$/) });
    expect((await download(msg.document.file_id)).equals(bytes)).toBe(true);
  });

  it('delivers a photo as PhotoSize objects, smallest first, each downloadable, with its caption', async () => {
    const ana = double.createUser({ first_name: 'Ana' });
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(4000, 7), Buffer.from([0xff, 0xd9])]);
    double.sendPhoto(ana, double.privateChat(ana), { content: bytes, caption: 'Sosialisasi', width: 1280, height: 720 });
    const msg = (await nextMessage()) as Message.PhotoMessage;
    expect(msg.caption).toBe('Sosialisasi');
    expect(msg.photo.map((p) => [p.width, p.height])).toEqual([[90, 51], [1280, 720]]);
    const [thumb, full] = msg.photo as [Message.PhotoMessage['photo'][number], Message.PhotoMessage['photo'][number]];
    expect(full.file_size).toBe(bytes.length);
    expect(thumb.file_size).toBeLessThan(bytes.length);
    expect(thumb.file_unique_id).not.toBe(full.file_unique_id);
    expect((await tg.getFile(full.file_id)).file_path).toMatch(/^photos\/file_\d+\.jpg$/);
    expect((await download(full.file_id)).equals(bytes)).toBe(true);
    expect((await download(thumb.file_id)).length).toBe(thumb.file_size);
  });

  it('refuses getFile for files over 20 MB, as Telegram does for bots, and unknown file ids', async () => {
    const ana = double.createUser({ first_name: 'Ana' });
    double.sendDocument(ana, double.privateChat(ana), { file_name: 'besar.pdf', content: Buffer.alloc(20 * 1024 * 1024 + 1) });
    const msg = (await nextMessage()) as Message.DocumentMessage;
    expect(msg.document.file_size).toBe(20 * 1024 * 1024 + 1);
    const tooBig = await tg.getFile(msg.document.file_id).catch((e: unknown) => e);
    expect(tooBig).toBeInstanceOf(TelegramError);
    expect((tooBig as TelegramError).description).toBe('Bad Request: file is too big');
    const unknown = await tg.getFile('nope').catch((e: unknown) => e);
    expect((unknown as TelegramError).description).toBe('Bad Request: invalid file_id');
    // The URL needs the bot's token.
    expect((await fetch(`${double.apiRoot}/file/botWRONG/documents/file_1.pdf`)).status).toBe(401);
  });
});
