import { startApp, type App } from '../../../src/app.js';
import type { Config } from '../../../src/config.js';
import type { Snapshot } from '../../../src/db/transfer/snapshot.js';
import type { Io } from '../../../src/cli/common.js';
import type { Harness } from '../../helpers/harness.js';

/** A bot process on its own database (a DATA_DIR or a DATABASE_URL), on the harness's fake Telegram and clock. */
export async function startBotOn(h: Harness, changes: Partial<Config>): Promise<App> {
  return startApp(
    { ...h.config, ...changes },
    {
      logger: h.logger,
      clock: h.clock,
      botInfo: { ...h.api.bot, is_bot: true, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false } as never,
      pollTimeoutSec: 1,
      tickMs: 60_000,
      skipCommandMenu: true,
    },
  );
}

export function bufferIo(): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => void lines.push(l), err: (l) => void errors.push(l) };
}

/** Leases are the one thing a copy changes on purpose (src/db/transfer/load.ts releaseLeases). */
const LEASES = new Set(['claimed_until', 'claimed_by']);

/** Every table's rows as sorted JSON lines, lease columns blanked: what "every row identical" compares. */
export function rowsByTable(snapshot: Snapshot): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of snapshot.tables) {
    const blank = t.columns.map((c) => LEASES.has(c.name) || (t.name === 'telegram_updates' && c.name === 'owner'));
    out[t.name] = t.rows.map((r) => JSON.stringify(r.map((v, i) => (blank[i] ? null : v)))).sort();
  }
  return out;
}
