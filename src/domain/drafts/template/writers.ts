import type { Feed, LayoutField, WriterName } from '../layout.js';
import { lowerFirst, sentence, tidy, todo } from '../words.js';
import {
  awardList,
  fullName,
  isImplemented,
  isReplicated,
  kindOf,
  listing,
  longDate,
  quote,
  shortName,
  stageDate,
  substantialComments,
  supportStats,
  type WriterInput,
} from './facts.js';

/** A sentence of the draft; notes for the innovator are kept whole when the text is shortened. */
export interface Piece {
  text: string;
  todo?: boolean;
}
export type Para = Piece[];

const fact = (text: string | undefined): Piece[] => (text && tidy(text) ? [{ text: tidy(text) }] : []);
const note = (w: WriterInput, what: string): Piece => ({ text: todo(w.lang, what), todo: true });

/** User text continuing one of our sentences: first letter lowered (not for acronyms or names), tidy end. */
const cont = (text: string, maxWords?: number): string => lowerFirst(maxWords ? quote(text, maxWords) : tidy(text)).replace(/[.;,:]+$/, '');

/** The one-line pitch's text, when the idea has one (`/usul Nama — ringkasan`). */
const pitch = (w: WriterInput): string | undefined => (w.s.idea.summary && tidy(w.s.idea.summary) ? w.s.idea.summary : undefined);

function problem(w: WriterInput): Piece[] {
  const { s, p } = w;
  if (s.idea.problem) return [{ text: sentence(p.before({ name: shortName(s), text: cont(s.idea.problem) })) }];
  const line = pitch(w);
  // A one-line pitch says what the problem is in the pitcher's words: quote them, ask for the rest.
  if (line) return [{ text: sentence(p.pitchBackground({ owner: s.owner.name, text: cont(line, 60) })) }, note(w, p.todo.problemMore)];
  return [note(w, p.todo.problem)];
}

const beneficiariesOf = (w: WriterInput): string | undefined => (w.s.idea.beneficiaries && tidy(w.s.idea.beneficiaries) ? cont(w.s.idea.beneficiaries) : undefined);

function timeline(w: WriterInput): Para {
  const { s, p } = w;
  const out: Para = [{ text: p.pitched({ owner: s.owner.name, date: longDate(w, s.idea.createdAt) }) }];
  const steps: string[] = [];
  const seen = new Set<string>();
  for (const h of s.history) {
    if (seen.has(h.stage)) continue;
    seen.add(h.stage);
    if (h.stage === 'discussed' || h.stage === 'initiative' || h.stage === 'replicated') steps.push(p.timeline[h.stage](longDate(w, h.at)));
    if (h.stage === 'trial' || h.stage === 'implemented') steps.push(p.timeline[h.stage](stageDate(w, h.stage)!));
  }
  // Dates set by coordinators without a recorded move still belong in the story.
  if (!seen.has('trial') && s.idea.trialStartedOn) steps.push(p.timeline.trial(stageDate(w, 'trial')!));
  if (!seen.has('implemented') && s.idea.implementedOn) steps.push(p.timeline.implemented(stageDate(w, 'implemented')!));
  if (steps.length) out.push({ text: `${p.timelineLead} ${listing(steps, p.and)}.` });
  return out;
}

function stageNotes(w: WriterInput): Piece[] {
  return w.s.history
    .filter((h) => h.note && tidy(h.note))
    .slice(-3)
    .map((h) => ({ text: sentence(w.p.stageNote({ stage: w.p.stage[h.stage], note: quote(h.note!, 40) })) }));
}

function status(w: WriterInput): Piece[] {
  const { s, p } = w;
  const out: Piece[] = [];
  const impl = stageDate(w, 'implemented');
  const trial = stageDate(w, 'trial');
  if (isImplemented(s) && impl) out.push({ text: p.stageImplemented({ ...(trial ? { trial } : {}), since: impl }) });
  else if (trial && (s.idea.stage === 'trial' || s.idea.trialStartedOn)) out.push({ text: p.stageTrial(trial) });
  else out.push({ text: p.stageEarly(p.stage[s.idea.stage]) });
  if (isReplicated(s)) out.push({ text: p.stageReplicated });
  if (s.idea.stage === 'archived') out.push({ text: sentence(p.stageArchived(s.idea.archivedReason ? quote(s.idea.archivedReason, 30) : undefined)) });
  return out;
}

function support(w: WriterInput): Piece[] {
  const st = supportStats(w.s);
  return st.people > 0 ? [{ text: w.p.support({ people: st.people, agencies: st.agencies }) }] : [];
}

function commentQuotes(w: WriterInput, n: number): Piece[] {
  return substantialComments(w.s, n).map((c) => ({
    text: sentence(w.p.commentQuote({ author: c.author, ...(c.agency ? { agency: c.agency } : {}), text: quote(c.text) })),
  }));
}

function minutesQuotes(w: WriterInput, n: number): Piece[] {
  return w.s.minutes.slice(-n).map((m) => ({ text: sentence(w.p.minutesMention({ date: longDate(w, m.date), text: quote(m.text) })) }));
}

const summary = (w: WriterInput): Para[] => {
  const { s, p } = w;
  const kind = kindOf(w);
  const first: Para = [{ text: p.identity({ name: fullName(s), agency: s.agency.name, ...(kind ? { kind } : {}) }) }];
  if (s.idea.problem) first.push({ text: sentence(p.problem(cont(s.idea.problem, 45))) });
  if (s.idea.solution) first.push({ text: sentence(p.solution(cont(s.idea.solution, 45))) });
  const line = pitch(w);
  if (line && !(s.idea.problem && s.idea.solution)) first.push({ text: sentence(p.pitchSummary(cont(line, 45))) });
  const who = beneficiariesOf(w);
  if (who) first.push({ text: p.beneficiaries(who) });
  const awards = awardList(w);
  return [first, [...status(w), ...support(w), ...fact(awards && p.awards(awards)), note(w, p.todo.summaryImpact)]];
};

const background = (w: WriterInput): Para[] => {
  const { s, p } = w;
  const context = [...commentQuotes(w, 2), ...minutesQuotes(w, 1)];
  const who = beneficiariesOf(w);
  return [
    [...problem(w), note(w, p.todo.baseline)],
    who ? [{ text: p.affected(who) }, note(w, p.todo.affected)] : [note(w, p.todo.affected)],
    context.length ? [{ text: p.commentsLead }, ...context] : [],
    [{ text: p.goalLead }, note(w, p.todo.goals)],
  ];
};

const novelty = (w: WriterInput): Para[] => {
  const { s, p } = w;
  const kind = kindOf(w);
  return [
    s.idea.solution
      ? [{ text: sentence(p.novelty({ name: shortName(s), text: cont(s.idea.solution) })) }]
      : pitch(w)
      ? [{ text: p.pitchNovelty({ name: shortName(s), text: quote(pitch(w)!, 60).replace(/[.;,:]+$/, '') }) }, note(w, p.todo.solutionMore)]
      : [note(w, p.todo.solution)],
    [kind ? { text: p.kindSentence({ name: shortName(s), kind }) } : note(w, p.todo.kind), note(w, p.todo.novelty)],
  ];
};

const implementation = (w: WriterInput): Para[] => [timeline(w), [...stageNotes(w), ...minutesQuotes(w, 2)], [note(w, w.p.todo.steps)]];

const significance = (w: WriterInput): Para[] => {
  const { s, p } = w;
  const impl = stageDate(w, 'implemented');
  const trial = stageDate(w, 'trial');
  const opening: Para = [];
  if (isImplemented(s) && impl) opening.push({ text: p.significanceImplemented({ name: shortName(s), since: impl }) });
  else if (trial) opening.push({ text: p.significanceTrial(trial) });
  else opening.push({ text: p.significanceEarly });
  const who = beneficiariesOf(w);
  if (who) opening.push({ text: p.beneficiaries(who) });
  const st = supportStats(s);
  const evidence: Para = [];
  if (st.people > 0 && st.agencies > 1) evidence.push({ text: p.supportRelevance({ people: st.people, agencies: st.agencies, list: listing(st.all, p.and) }) });
  else evidence.push(...support(w));
  const awards = awardList(w);
  if (awards) evidence.push({ text: p.awardsRecognition(awards) });
  // Comments already quoted in the background are not repeated here.
  const used = new Set(substantialComments(s, 2).map((c) => c.text));
  const feedback = substantialComments(s, 2, used).map((c) => ({
    text: sentence(p.commentQuote({ author: c.author, ...(c.agency ? { agency: c.agency } : {}), text: quote(c.text) })),
  }));
  return [
    opening,
    [note(w, p.todo.beforeAfter), note(w, p.todo.measurement)],
    evidence,
    feedback.length ? [{ text: p.feedbackLead }, ...feedback] : [],
    [note(w, p.todo.story)],
  ];
};

const replicated = (w: WriterInput): Para[] => {
  const { s, p } = w;
  if (isReplicated(s)) {
    const at = s.history.find((h) => h.stage === 'replicated');
    const noteText = at?.note ? [{ text: sentence(quote(at.note, 40)) }] : [];
    return [[{ text: p.replicatedYes({ name: shortName(s), ...(at ? { since: longDate(w, at.at) } : {}) }) }, ...noteText, note(w, p.todo.replicatedWho)]];
  }
  return [[{ text: p.replicatedNo(shortName(s)) }, note(w, p.todo.replicatedIfAny)]];
};

const replicationPotential = (w: WriterInput): Para[] => {
  const { s, p } = w;
  const st = supportStats(s);
  const body: Para = [{ text: p.potentialLead(shortName(s)) }];
  if (st.others.length) body.push({ text: p.potentialInterest(listing(st.others.slice(0, 8), p.and)) });
  if (s.idea.digital) body.push({ text: p.potentialDigital });
  return [body, [note(w, p.todo.requirements)]];
};

const resources = (w: WriterInput): Para[] => {
  const { s, p } = w;
  return [
    [{ text: p.managedBy({ name: shortName(s), agency: s.agency.name, owner: s.owner.name }) }],
    [{ text: p.resourceBudget }, note(w, p.todo.budget)],
    [{ text: p.resourceStaff }, note(w, p.todo.staff)],
    [{ text: p.resourceMethod }, note(w, p.todo.method)],
    [{ text: p.resourceTools }, note(w, s.idea.digital ? p.todo.toolsDigital : p.todo.tools)],
  ];
};

const sustainability = (w: WriterInput): Para[] => {
  const { s, p } = w;
  const st = supportStats(s);
  const social: Para = [{ text: p.social }];
  if (st.people > 0) social.push({ text: p.socialNetwork({ people: st.people, agencies: st.agencies }) });
  if (s.minutes.length) {
    social.push({ text: p.minutesCount({ count: s.minutes.length, dates: listing(s.minutes.slice(-4).map((m) => longDate(w, m.date)), p.and) }) });
  }
  social.push(note(w, p.todo.stakeholders));
  return [
    [{ text: p.institutional }, note(w, p.todo.regulation(s.agency.shortName))],
    [{ text: p.managerial }, { text: p.responsibleAgency({ name: shortName(s), agency: s.agency.name }) }, note(w, p.todo.management)],
    social,
  ];
};

/** For sections of future layouts that name no built-in writer: the guidance as a note, then the data its feeds name. */
export function genericWriter(w: WriterInput, field: LayoutField): Para[] {
  const { s, p } = w;
  const facts: Piece[] = [];
  const want = (f: Feed) => field.feeds.includes(f) || (f.startsWith('idea.') && field.feeds.includes('idea'));
  if (want('idea.name')) facts.push({ text: p.identity({ name: fullName(s), agency: s.agency.name }) });
  if (want('idea.problem') && s.idea.problem) facts.push({ text: sentence(p.problem(cont(s.idea.problem, 60))) });
  if (want('idea.solution') && s.idea.solution) facts.push({ text: sentence(p.solution(cont(s.idea.solution, 60))) });
  const line = pitch(w);
  if ((want('idea.problem') || want('idea.solution')) && line && !(s.idea.problem && s.idea.solution)) facts.push({ text: sentence(p.pitchSummary(cont(line, 60))) });
  const who = beneficiariesOf(w);
  if (want('idea.beneficiaries') && who) facts.push({ text: p.beneficiaries(who) });
  if (want('idea.form') || want('idea.digital')) {
    const kind = kindOf(w);
    if (kind) facts.push({ text: p.kindSentence({ name: shortName(s), kind }) });
  }
  if (field.feeds.includes('agency')) facts.push({ text: p.responsibleAgency({ name: shortName(s), agency: s.agency.name }) });
  if (field.feeds.includes('history')) facts.push(...status(w));
  if (field.feeds.includes('supporters')) facts.push(...support(w));
  if (field.feeds.includes('awards')) {
    const awards = awardList(w);
    if (awards) facts.push({ text: p.awards(awards) });
  }
  if (field.feeds.includes('comments')) facts.push(...commentQuotes(w, 2));
  if (field.feeds.includes('minutes')) facts.push(...minutesQuotes(w, 2));
  return [[note(w, field.guidance[w.lang].replace(/\.$/, ''))], facts.length ? [{ text: p.genericFacts }, ...facts] : []];
}

export const templateWriters: Record<WriterName, (w: WriterInput) => Para[]> = {
  summary,
  background,
  novelty,
  implementation,
  significance,
  replicated,
  replicationPotential,
  resources,
  sustainability,
};
