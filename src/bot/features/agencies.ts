import { Composer } from 'telegraf';
import { addAgency, findAgencyById, listActiveAgencies, renameAgency, setAgencyActive } from '../../domain/agencies.js';
import { hasRole } from '../../domain/permissions.js';
import { html, joinHtml } from '../../i18n/index.js';
import { onCommand } from '../commands/on-command.js';
import type { CommandSpec } from '../commands/spec.js';
import type { BotContext } from '../context.js';
import { ensureRole } from '../middlewares/guards.js';
import { replyHtml } from '../reply.js';

const spec: CommandSpec = { id: 'instansi', en: 'agencies', audience: 'anyone', where: 'both', description: 'cmd.agencies' };
/** Gathered by the bot's command registry (help, the command menu). */
export const agencyCommands: CommandSpec[] = [spec];

const ADD = new Set(['tambah', 'add']);
const RENAME = new Set(['ubah', 'rename']);
const DEACTIVATE = new Set(['nonaktif', 'deactivate']);
const ACTIVATE = new Set(['aktif', 'activate']);

export function parseNamePair(text: string): { name: string; shortName: string } | undefined {
  const [name, shortName, ...rest] = text.split('|').map((s) => s.replace(/\s+/g, ' ').trim());
  if (!name || !shortName || rest.length) return undefined;
  if (name.length < 3 || name.length > 200 || shortName.length < 2 || shortName.length > 40) return undefined;
  return { name, shortName };
}

export function agenciesFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onCommand(composer, spec, async (ctx) => {
    const payload = ctx.payload.trim();
    const [verb = '', ...restWords] = payload.split(/\s+/);
    const rest = payload.slice(verb.length).trim();
    const action = verb.toLowerCase();

    if (!payload) {
      const all = await listActiveAgencies(ctx.db);
      const showIds = hasRole(ctx.member, 'coordinator');
      const lines = all.map((a) => (showIds ? html`${a.id}. ${a.name} (${a.shortName})` : html`• ${a.name} (${a.shortName})`));
      return replyHtml(ctx, joinHtml([ctx.t('agencies.title', { count: all.length }), joinHtml(lines, '\n')], '\n\n'));
    }
    if (!(await ensureRole(ctx, 'coordinator'))) return;

    if (ADD.has(action)) {
      const pair = parseNamePair(rest);
      if (!pair) return replyHtml(ctx, rest ? ctx.t('agencies.invalid') : ctx.t('agencies.addUsage'));
      const result = await addAgency(ctx.db, pair.name, pair.shortName);
      return replyHtml(ctx, result.ok ? ctx.t('agencies.added', pair) : ctx.t('agencies.duplicate', { name: pair.name }));
    }
    if (RENAME.has(action) || DEACTIVATE.has(action) || ACTIVATE.has(action)) {
      const idWord = restWords[0] ?? '';
      if (!/^\d{1,9}$/.test(idWord)) return replyHtml(ctx, ctx.t('agencies.renameUsage'));
      const agency = await findAgencyById(ctx.db, Number(idWord));
      if (!agency) return replyHtml(ctx, ctx.t('agencies.notFound', { id: idWord }));
      if (RENAME.has(action)) {
        const pair = parseNamePair(rest.slice(idWord.length));
        if (!pair) return replyHtml(ctx, ctx.t('agencies.renameUsage'));
        await renameAgency(ctx.db, agency.id, pair.name, pair.shortName);
        return replyHtml(ctx, ctx.t('agencies.renamed', pair));
      }
      const active = ACTIVATE.has(action);
      await setAgencyActive(ctx.db, agency.id, active);
      return replyHtml(ctx, ctx.t(active ? 'agencies.activated' : 'agencies.deactivated', { name: agency.name }));
    }
    return replyHtml(ctx, joinHtml([ctx.t('agencies.addUsage'), ctx.t('agencies.renameUsage')], '\n\n'));
  });
  return composer;
}
