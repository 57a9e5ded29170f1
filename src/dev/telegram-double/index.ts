/**
 * Fake Telegram Bot API server ("telegram double") for tests, benchmarks and the playground;
 * a development tool, never part of what the bot ships with (src/telegram/ is).
 *
 *   const double = await BotApiDouble.start();
 *   const bot = new Telegraf(double.token, { telegram: { apiRoot: double.apiRoot } });
 */
export { BotApiDouble, type RequestInterceptor } from './server.js';
export { parsePayload } from './request-body.js';
export { ApiError } from './errors.js';
export { parseHtml, escapeHtml, EntityParseError, utf8Length } from './html.js';
export { formatText, trimFormatted } from './format.js';
export { parseMarkdownV2, parseMarkdown } from './markdown.js';
export { UploadedFile } from './methods/files.js';
export { mimeFromName } from './state.js';
export { emptySnapshot } from './snapshot.js';
export type { FormattedText } from './html.js';
export type {
  ApiCall,
  BotApiDoubleOptions,
  CallbackAnswer,
  ChatSnapshot,
  DoubleSnapshot,
  DoubleEvent,
  FakeChat,
  FakeUser,
  Fault,
  InlineButton,
  Limits,
  MemberStatus,
  MessageEntity,
  PhotoSize,
  SnapshotMessage,
  StoredMessage,
  Update,
} from './types.js';
