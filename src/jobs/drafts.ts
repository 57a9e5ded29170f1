import type { Config } from '../config.js';
import type { Draft, DraftRequest } from '../db/schema/index.js';
import { findDraftableIdea } from '../domain/drafts/access.js';
import { activeLayout } from '../domain/drafts/active-layout.js';
import { allLayouts, findLayout, layoutFields, type Layout } from '../domain/drafts/layout.js';
import { isLastAttempt } from '../domain/jobs/policy.js';
import { claim, finish, giveUp, release, retry, type QueuedJob } from '../domain/jobs/queue.js';
import { DRAFT_KIND, draftPolicies, finishRequest, requeueRequest, startRequest } from '../domain/drafts/requests.js';
import { gatherSources, noMinutes, type MinutesSource } from '../domain/drafts/sources.js';
import { draftMeta, writeTemplateDraft } from '../domain/drafts/template/index.js';
import { findDraft, storeDraft } from '../domain/drafts/versions.js';
import { countWords } from '../domain/drafts/words.js';
import { joinHtml, translator, type Html, type Translate } from '../i18n/index.js';
import { DraftAborted, DraftModel, type LlmFailure, type LlmUsage } from '../llm/draft-model.js';
import { llmSettings } from '../llm/settings.js';
import type { Logger } from '../logger.js';
import { ChatUnreachableError } from '../telegram/sender/errors.js';
import { deliverDraft, sourceLabel } from './drafts-delivery.js';
import { ProgressMessage } from './drafts-progress.js';
import type { Job, JobContext } from './scheduler.js';
import { workerId } from './worker.js';

export interface DraftsJobDeps {
  /** Session minutes that mention an idea (the sessions feature); default: none. */
  minutes?: MinutesSource;
}

/** Resends taken per claim (cheap, no model). */
const RESEND_BATCH = 5;

export function fallbackCode(f: LlmFailure): string {
  return f.kind === 'http' || f.kind === 'auth' ? `${f.kind}_${f.status}` : f.kind;
}

function fallbackLine(t: Translate, f: LlmFailure): Html {
  switch (f.kind) {
    case 'timeout':
      return t('drafts.fallback.timeout', { seconds: f.seconds });
    case 'http':
      return t('drafts.fallback.http', { status: f.status });
    case 'auth':
      return t('drafts.fallback.auth');
    case 'unreachable':
      return t('drafts.fallback.unreachable');
    case 'malformed':
      return t('drafts.fallback.malformed');
    case 'empty':
      return t('drafts.fallback.empty');
  }
}

/**
 * Builds and delivers proposal drafts. The scheduler's tick only claims jobs (builds up to the
 * kind's concurrency, counted across instances by the queue); each claimed job is worked on by a
 * background task, so a model that takes a minute holds up neither the tick (reminders,
 * broadcasts) nor any update handler. When a task ends it claims the next job.
 */
export class DraftsJob implements Job {
  readonly name = 'drafts';
  private readonly tasks = new Set<Promise<void>>();
  private readonly controllers = new Set<AbortController>();
  private stopping = false;
  private readonly model: DraftModel | undefined;
  private readonly minutes: MinutesSource;
  private readonly leaseMs: number;
  private readonly editIntervalMs: number;
  private readonly owner = workerId();
  private readonly policies: ReturnType<typeof draftPolicies>;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
    deps: DraftsJobDeps = {},
  ) {
    // A broken layout file stops start-up here, with its name, rather than at someone's first /draf.
    const layouts = allLayouts();
    if (config.PROPOSAL_LAYOUT && !findLayout(config.PROPOSAL_LAYOUT)) {
      logger.warn({ layout: config.PROPOSAL_LAYOUT, known: layouts.map((l) => l.id) }, 'PROPOSAL_LAYOUT names no layout file; using the newest until a coordinator picks one with /format');
    }
    const settings = llmSettings(config);
    this.model = settings ? new DraftModel(settings, logger) : undefined;
    this.minutes = deps.minutes ?? noMinutes;
    // Long enough for structured + fallback + repair calls and a slow delivery; a crashed worker's row comes back after it.
    this.leaseMs = config.OPENAI_TIMEOUT_MS * 4 + 300_000;
    // Drafts go to private chats, but Telegram's tolerance for edits is the group one (~20 a minute): use the stricter.
    this.editIntervalMs = Math.max(60_000 / config.EDIT_GROUP_PER_MIN, 1000 / config.SEND_PRIVATE_PER_SEC);
    this.policies = draftPolicies(config.DRAFT_CONCURRENCY);
  }

  async run(ctx: JobContext): Promise<number> {
    if (this.stopping) return 0;
    const db = ctx.database.db;
    const now = ctx.clock.now();
    const lease = { now, leaseMs: this.leaseMs, owner: this.owner };
    const concurrency = this.policies.build.concurrency!;
    const jobs = [
      ...(await claim(db, { ...lease, kinds: [DRAFT_KIND.build], limit: concurrency, concurrency })),
      ...(await claim(db, { ...lease, kinds: [DRAFT_KIND.resend], limit: RESEND_BATCH })),
    ];
    for (const job of jobs) {
      const row = await startRequest(db, Number(job.payload.requestId), now);
      if (row) this.spawn(ctx, job, row);
      else await finish(db, job, this.owner, { status: 'skipped', outcome: 'request gone' }, now);
    }
    return jobs.length;
  }

  async idle(): Promise<void> {
    while (this.tasks.size) await Promise.allSettled([...this.tasks]);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const c of this.controllers) c.abort(new DraftAborted('shutting down'));
    await this.idle();
  }

  private spawn(ctx: JobContext, job: QueuedJob, row: DraftRequest): void {
    const controller = new AbortController();
    this.controllers.add(controller);
    const task: Promise<void> = this.process(ctx, job, row, controller.signal)
      .catch((err: unknown) => this.logger.error({ request: row.id, err: { type: (err as Error).name, message: (err as Error).message } }, 'draft task failed'))
      .finally(() => {
        this.controllers.delete(controller);
        this.tasks.delete(task);
        if (this.stopping) return;
        const next: Promise<void> = this.run(ctx).then(
          () => undefined,
          (err: unknown) => this.logger.error({ err: { type: (err as Error).name, message: (err as Error).message } }, 'draft claim failed'),
        );
        this.tasks.add(next);
        void next.finally(() => this.tasks.delete(next));
      });
    this.tasks.add(task);
  }

  private async layoutFor(ctx: JobContext, id: string): Promise<Layout> {
    return findLayout(id) ?? (await activeLayout(ctx.database.db, this.config.PROPOSAL_LAYOUT)).layout;
  }

  /** The request's record and its job close together. */
  private async close(ctx: JobContext, job: QueuedJob, row: DraftRequest, status: 'done' | 'failed', error?: string): Promise<void> {
    const db = ctx.database.db;
    const now = ctx.clock.now();
    await finishRequest(db, row.id, status, now, error);
    if (status === 'done') await finish(db, job, this.owner, { status: 'sent' }, now);
    else await giveUp(db, job, this.owner, error ?? 'failed', now);
  }

  private async process(ctx: JobContext, job: QueuedJob, row: DraftRequest, signal: AbortSignal): Promise<void> {
    const db = ctx.database.db;
    const log = this.logger.child({ request: row.id, idea: row.ideaId });
    const t = translator(row.language);
    const progress = new ProgressMessage({ sender: ctx.sender, chatId: row.chatId, messageId: row.progressMessageId, minIntervalMs: this.editIntervalMs, logger: log });
    try {
      const idea = await findDraftableIdea(db, row.ideaId);
      if (!idea) {
        await progress.finish(t('drafts.notFound', { id: row.ideaId }).toString());
        await this.close(ctx, job, row, 'failed', 'idea not found');
        return;
      }
      let draft: Draft | undefined = row.draftId !== null ? await findDraft(db, row.draftId) : undefined;
      if (row.kind === 'resend') {
        if (!draft) {
          await this.close(ctx, job, row, 'failed', 'draft not found');
          return;
        }
        await progress.finish(t('drafts.progress.resent', { name: idea.name, version: draft.version }).toString());
      } else if (!draft) {
        draft = await this.build(ctx, row, idea.name, progress, signal, log);
      } else {
        // Built before a crash or a failed delivery: deliver what was stored.
        await progress.finish(this.doneText(t, draft, idea.name).toString());
      }
      signal.throwIfAborted();
      await deliverDraft({ sender: ctx.sender, chatId: row.chatId, draft, layout: await this.layoutFor(ctx, draft.layoutId), ideaName: idea.name, tz: this.config.TZ_NAME });
      await this.close(ctx, job, row, 'done');
    } catch (err) {
      await progress.close();
      await this.onError(ctx, job, row, err, signal, t, log);
    }
  }

  private async onError(ctx: JobContext, job: QueuedJob, row: DraftRequest, err: unknown, signal: AbortSignal, t: Translate, log: Logger): Promise<void> {
    const db = ctx.database.db;
    const now = ctx.clock.now();
    try {
      if (err instanceof DraftAborted || (signal.aborted && this.stopping)) {
        log.info('draft interrupted by shutdown; it will resume at the next start');
        await requeueRequest(db, row.id);
        await release(db, [job], this.owner);
        return;
      }
      if (err instanceof ChatUnreachableError) {
        log.info('the member cannot be reached; draft kept, delivery dropped');
        await this.close(ctx, job, row, 'failed', 'chat unreachable');
        return;
      }
      const message = `${(err as Error).name}: ${(err as Error).message}`;
      log.error({ err: { type: (err as Error).name, message: (err as Error).message }, attempt: job.attempts }, 'draft failed');
      if (!isLastAttempt(this.policies[row.kind].retry, job.attempts)) {
        await requeueRequest(db, row.id, message);
        await retry(db, job, this.owner, this.policies[row.kind].retry, message, now);
        return;
      }
      await this.close(ctx, job, row, 'failed', message);
      const idea = await findDraftableIdea(db, row.ideaId);
      const notice = new ProgressMessage({ sender: ctx.sender, chatId: row.chatId, messageId: row.progressMessageId, minIntervalMs: 0, logger: log });
      await notice.finish(t('drafts.progress.failed', { name: idea?.name ?? `#${row.ideaId}` }).toString());
    } catch (inner) {
      log.error({ err: { type: (inner as Error).name, message: (inner as Error).message } }, 'could not record the draft failure');
    }
  }

  private doneText(t: Translate, draft: Draft, name: string, extra: Html[] = []): Html {
    const words = Object.values(draft.sections).reduce((n, text) => n + countWords(text), 0);
    const count = new Set(Object.keys(draft.sections).map((k) => k.split('.')[0])).size;
    return joinHtml([t('drafts.progress.done', { name, version: draft.version, sections: count, words, source: sourceLabel(draft) }), ...extra], '\n');
  }

  private async build(ctx: JobContext, row: DraftRequest, name: string, progress: ProgressMessage, signal: AbortSignal, log: Logger): Promise<Draft> {
    const db = ctx.database.db;
    const t = translator(row.language);
    const minutes: MinutesSource = async (d, id) => {
      try {
        return await this.minutes(d, id);
      } catch (err) {
        log.warn({ err: { type: (err as Error).name, message: (err as Error).message } }, 'session minutes unavailable; drafting without them');
        return [];
      }
    };
    const sources = await gatherSources(db, row.ideaId, minutes);
    if (!sources) throw new Error('idea disappeared while drafting');
    const layout = await this.layoutFor(ctx, row.layoutId);
    const options = { lang: row.language, tz: this.config.TZ_NAME, now: ctx.clock.now() };
    const total = layoutFields(layout).length;
    const title = layout.title[row.language];

    let sections = writeTemplateDraft(sources, layout, options);
    let model: string | null = null;
    let usage: LlmUsage | undefined;
    let fallback: LlmFailure | undefined;
    let filled = 0;
    if (this.model) {
      progress.update(t('drafts.progress.model', { name, layout: title, done: 0, total }).toString());
      const result = await this.model.write(
        { layout, lang: row.language, sources },
        { signal, onProgress: (done) => progress.update(t('drafts.progress.model', { name, layout: title, done, total }).toString()) },
      );
      usage = result.usage;
      if (result.ok) {
        // Sections the model left empty keep the template's text: nothing is lost.
        sections = { ...sections, ...result.sections };
        model = result.model;
        filled = result.missing.length;
        log.info({ model, usage, missing: result.missing }, 'draft written by the model');
      } else {
        fallback = result.failure;
        log.warn({ model: result.model, failure: fallbackCode(result.failure), cause: result.cause, usage }, 'model draft failed; using the template');
      }
    } else {
      progress.update(t('drafts.progress.template', { name, layout: title }).toString());
    }

    const draft = await storeDraft(db, {
      ideaId: row.ideaId,
      layoutId: layout.id,
      language: row.language,
      source: model ? 'model' : 'template',
      model,
      sections,
      meta: draftMeta(sources, layout, options),
      usage,
      fallbackReason: fallback ? fallbackCode(fallback) : null,
      requestedBy: row.memberId,
      requestId: row.id,
      now: ctx.clock.now(),
    });
    const extra: Html[] = [];
    if (fallback) extra.push(fallbackLine(t, fallback));
    if (filled > 0) extra.push(t('drafts.fallback.partial', { count: filled }));
    await progress.finish(this.doneText(t, draft, name, extra).toString());
    return draft;
  }
}

export function createDraftsJob(config: Config, logger: Logger, deps: DraftsJobDeps = {}): DraftsJob {
  return new DraftsJob(config, logger, deps);
}
