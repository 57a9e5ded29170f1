/**
 * The house plan, checked by `npm run check:deps` (part of `npm test`).
 *
 * Layers, top to bottom; a module imports its own layer or layers below it. The rules below check
 * the boundaries that matter (cycles, the domain, jobs vs features, intake, the dev room, SQL);
 * one known downward-looking exception is allowed: src/config.ts maps Config to the domain's
 * plain settings (so it imports their types and the parser of reminder offsets).
 *
 *   src/main.ts                      process entry; the only production module that may reach src/dev
 *   src/cli/                         the other processes: backup, restore, db:move (npm scripts)
 *   src/dev/ (the playground, the fake Bot API, the fake model server)
 *   src/app.ts                       wires everything together
 *   src/config.ts                    read by app, bot, jobs, web, intake; never by the domain
 *   src/bot/ · src/jobs/ · src/web/  the three ways work arrives: updates, schedules, HTTP
 *   src/bot/views/                   renderers that bot features AND jobs use (jobs may import these, not features)
 *   src/telegram/                    what production ships of Telegram: intake, sender, limits, text splitting
 *   src/llm/ · src/charts/           adapters to a model and to a renderer
 *   src/domain/                      the rules and their SQL; no telegraf, no bot, no Config
 *   src/db/                          schema, clients, migrations, backups
 *   src/i18n/ (catalogues, escapeHtml, stripTags) · src/clock.ts · src/logger.ts   leaves
 *
 * Rules are written by folder so they keep holding when files move inside a folder.
 */
const UP_FROM_DOMAIN = '^src/(bot|jobs|telegram|web|llm|charts|dev|cli)/|^src/(app|main|config)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle makes load order matter and hides which module is the lower one. Type-only imports count too.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'src-not-to-test',
      severity: 'error',
      comment: 'Production code never imports the tests or their helpers.',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'domain-not-to-telegraf',
      severity: 'error',
      comment: 'Domain rules know nothing of Telegram: they are tested and reused without a bot.',
      from: { path: '^src/domain/' },
      to: { path: '(^|/)node_modules/(telegraf|@telegraf)/|^telegraf' },
    },
    {
      name: 'domain-not-up',
      severity: 'error',
      comment: 'Domain imports only db, i18n and leaves. It gets plain settings of its own, not Config (config maps to them).',
      from: { path: '^src/domain/' },
      to: { path: UP_FROM_DOMAIN },
    },
    {
      name: 'sql-only-in-domain-db-journal',
      severity: 'error',
      comment: 'Queries live in src/domain, src/db and the update journal; everything else calls a named function (drizzle-orm is the query builder).',
      from: { path: '^src/', pathNot: '^src/(domain|db)/|^src/telegram/intake/journal\\.ts$' },
      to: { path: '(^|/)node_modules/drizzle-orm/' },
    },
    {
      name: 'db-not-up',
      severity: 'error',
      comment: 'The database layer is below everything that uses it.',
      from: { path: '^src/db/' },
      to: { path: '^src/(domain|bot|jobs|telegram|web|llm|charts|dev|cli)/|^src/(app|main|config)\\.ts$' },
    },
    {
      name: 'i18n-is-a-leaf',
      severity: 'error',
      comment: 'Message catalogues and HTML helpers import nothing else from src, so anyone may import them.',
      from: { path: '^src/i18n/' },
      to: { path: '^src/', pathNot: '^src/i18n/' },
    },
    {
      name: 'leaves-are-leaves',
      severity: 'error',
      comment: 'clock and logger are imported by every layer, so they import no other module of src.',
      from: { path: '^src/(clock|logger)\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'telegram-not-up',
      severity: 'error',
      comment: 'src/telegram is what production ships of Telegram (intake, sender, limits); the bot builds on it, not the other way round.',
      from: { path: '^src/telegram/' },
      to: { path: '^src/(bot|jobs|web|llm|charts|dev)/|^src/(app|main)\\.ts$' },
    },
    {
      name: 'intake-through-its-surface',
      severity: 'error',
      comment: 'Handlers see intake only through intake/reruns.ts (run again later, is this a rerun) and intake/prefetched.ts (the member row read with the journal insert); the rest of intake is wired by the app.',
      from: { path: '^src/', pathNot: '^src/(telegram/intake/|app\\.ts$|main\\.ts$|dev/)' },
      to: { path: '^src/telegram/intake/', pathNot: '^src/telegram/intake/(reruns|prefetched)\\.ts$' },
    },
    {
      name: 'adapters-not-up',
      severity: 'error',
      comment: 'The model and chart adapters serve bot, jobs and web; they do not call them.',
      from: { path: '^src/(llm|charts)/' },
      to: { path: '^src/(bot|jobs|telegram|web|dev)/|^src/(app|main)\\.ts$' },
    },
    {
      name: 'jobs-not-to-bot',
      severity: 'error',
      comment: 'Jobs run without the bot: they may use its views (renderers) and callback data, never its features or the Bot itself.',
      from: { path: '^src/jobs/' },
      to: { path: '^src/bot/', pathNot: '^src/bot/views/|^src/bot/callback-data\\.ts$' },
    },
    {
      name: 'views-not-to-features',
      severity: 'error',
      comment: 'Views are below features (jobs import views; through a view they must not reach a feature).',
      from: { path: '^src/bot/views/' },
      to: { path: '^src/bot/(features|middlewares)/|^src/bot/index\\.ts$|^src/jobs/' },
    },
    {
      name: 'command-registry-from-the-bot-only',
      severity: 'error',
      comment: 'Features declare their own commands; only the bot (createBot, publishCommands) gathers them. /help reads them from ctx.registries.',
      from: { path: '^src/', pathNot: '^src/bot/(index|publish-commands)\\.ts$' },
      to: { path: '^src/bot/commands/registry\\.ts$' },
    },
    {
      name: 'web-not-to-bot',
      severity: 'error',
      comment: 'The dashboard is served beside the bot, not through it.',
      from: { path: '^src/web/' },
      to: { path: '^src/bot/', pathNot: '^src/bot/views/' },
    },
    {
      name: 'app-is-wired-by-main',
      severity: 'error',
      comment: 'Only the entry points (main, the dev room) create the app.',
      from: { path: '^src/', pathNot: '^src/(main\\.ts|dev/)' },
      to: { path: '^src/(app|main)\\.ts$' },
    },
    {
      name: 'dev-only-from-main',
      severity: 'error',
      comment: 'The dev room (playground, fake Bot API) may use anything in src, but nothing in src except main.ts uses it.',
      from: { path: '^src/', pathNot: '^src/(main\\.ts$|dev/)' },
      to: { path: '^src/dev/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // TypeScript 7 (tsgo) ships no JavaScript compiler API, which dependency-cruiser needs for its
    // default TypeScript parser; swc parses the same sources (type-only imports included).
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    includeOnly: { path: '^src/|^test/|node_modules/(telegraf|@telegraf|drizzle-orm)/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
