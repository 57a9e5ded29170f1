/**
 * Fake Telegram Bot API server ("telegram double") for tests, benchmarks and the playground;
 * a development tool (the playground runs the bot on it), never on the production path
 * (src/telegram/ is what talks to the real Telegram).
 *
 *   const double = await BotApiDouble.start();
 *   const bot = new Telegraf(double.token, { telegram: { apiRoot: double.apiRoot } });
 */
export { BotApiDouble, type RequestInterceptor } from './server.js';
export { parseHtml } from './html.js';
export { parseMarkdownV2 } from './markdown.js';
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
