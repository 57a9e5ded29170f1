import type { Phrases } from './phrases-id.js';

export const phrasesEn: Phrases = {
  locale: 'en-GB',
  and: 'and',
  form: { governance: 'governance', public_service: 'public service', other: 'other regional affairs' },
  digital: { true: 'digital', false: 'non-digital' },
  stage: {
    pitched: 'proposal',
    discussed: 'discussed',
    initiative: 'initiative',
    trial: 'trial',
    implemented: 'implemented',
    replicated: 'replicated',
    archived: 'archived',
  },
  level: { kabupaten: 'district', provinsi: 'provincial', nasional: 'national' },

  identity: (p) => (p.kind ? `${p.name} is a ${p.kind} innovation of ${p.agency}.` : `${p.name} is an innovation of ${p.agency}.`),
  kind: (p) => [p.digital, p.form].filter(Boolean).join(' '),
  problem: (text) => `The problem it addresses: ${text}`,
  solution: (text) => `What it does: ${text}`,
  pitchSummary: (text) => `In short: ${text}`,
  pitchBackground: (p) => `In the pitch, ${p.owner} wrote: “${p.text}”`,
  pitchNovelty: (p) => `The innovator summed up ${p.name} as follows: “${p.text}”.`,
  beneficiaries: (who) => `Its main beneficiaries are ${who}.`,
  affected: (who) => `Those most affected by the problem are ${who}.`,
  before: (p) => `Before ${p.name}: ${p.text}`,
  goalLead: 'The measurable goals of the innovation are:',
  novelty: (p) => `What ${p.name} does: ${p.text}`,
  kindSentence: (p) => `${p.name} is a ${p.kind} innovation.`,
  stageTrial: (since) => `The innovation has been on trial since ${since}.`,
  stageImplemented: (p) =>
    p.trial ? `The innovation was trialled from ${p.trial} and has been in routine use since ${p.since}.` : `The innovation has been in routine use since ${p.since}.`,
  stageReplicated: 'It has also been replicated.',
  stageEarly: (stage) => `At the time of this draft the innovation is at the “${stage}” stage in the Warkop Indah forum.`,
  stageArchived: (reason) => (reason ? `Note: the idea is archived in the forum, for this reason: ${reason}` : 'Note: the idea is archived in the forum.'),
  support: (p) =>
    p.people === 1
      ? 'In the Warkop Indah forum, one civil servant has backed the idea.'
      : p.agencies > 1
      ? `In the Warkop Indah forum, ${p.people} civil servants from ${p.agencies} agencies have backed the idea.`
      : `In the Warkop Indah forum, ${p.people} civil servants have backed the idea.`,
  supportRelevance: (p) =>
    `Support in the Warkop Indah forum shows the problem is widely felt: ${p.people} civil servants from ${p.agencies} agencies (${p.list}) have backed it.`,
  award: (p) => `${p.text} (${p.level} level)`,
  awards: (list) => `Recorded achievements: ${list}.`,
  awardsRecognition: (list) => `The innovation has also been recognised: ${list}.`,
  commentQuote: (p) => `${p.author}${p.agency ? ` (${p.agency})` : ''} noted in the forum discussion: “${p.text}”`,
  commentsLead: 'Input from the discussion in the Warkop Indah forum supports this picture.',
  feedbackLead: 'Responses in the Warkop Indah forum include:',
  minutesMention: (p) => `The minutes of the Warkop Indah session of ${p.date} record: “${p.text}”`,
  minutesCount: (p) =>
    p.count === 1
      ? `The innovation has been discussed in a Warkop Indah session (${p.dates}).`
      : `The innovation has been discussed in ${p.count} Warkop Indah sessions (${p.dates}).`,
  pitched: (p) => `The idea was pitched in the Warkop Indah forum by ${p.owner} on ${p.date}.`,
  timelineLead: 'It was then',
  timeline: {
    discussed: (d) => `discussed in the forum on ${d}`,
    initiative: (d) => `accepted as an initiative on ${d}`,
    trial: (d) => `put on trial on ${d}`,
    implemented: (d) => `in routine use from ${d}`,
    replicated: (d) => `replicated on ${d}`,
  },
  stageNote: (p) => `Note from the ${p.stage} stage: ${p.note}`,
  significanceImplemented: (p) =>
    `${p.name} has been in use since ${p.since}, so its impact can be measured by comparing the situation before and after.`,
  significanceTrial: (since) => `As the innovation has only been on trial since ${since}, the impact to report is that of the trial.`,
  significanceEarly: 'The innovation is not in use yet, so this section can only be filled in once there are trial results.',
  replicatedYes: (p) => (p.since ? `${p.name} has been replicated since ${p.since}.` : `${p.name} has been replicated.`),
  replicatedNo: (name) => `At the time of this draft the Warkop Indah forum has no record of ${name} being replicated.`,
  potentialLead: (name) => `${name} can be adopted by other agencies or regions that face a similar problem.`,
  potentialInterest: (list) => `Interest from outside the proposing agency is already visible: ${list} backed it in the Warkop Indah forum.`,
  potentialDigital: 'As a digital innovation, its software can be shared or copied with some adjustment.',
  managedBy: (p) => `${p.name} is run by ${p.agency} and was initiated by ${p.owner}.`,
  resourceBudget: 'Budget:',
  resourceStaff: 'Staff:',
  resourceMethod: 'Methods:',
  resourceTools: 'Facilities and equipment:',
  institutional: 'Institutional sustainability.',
  managerial: 'Managerial sustainability.',
  social: 'Social sustainability.',
  responsibleAgency: (p) => `${p.name} is the responsibility of ${p.agency}.`,
  socialNetwork: (p) =>
    p.people === 1
      ? 'A network of support is forming in the Warkop Indah forum: one civil servant has backed it.'
      : p.agencies > 1
      ? `A network of support already exists in the Warkop Indah forum: ${p.people} civil servants from ${p.agencies} agencies.`
      : `A network of support is forming in the Warkop Indah forum: ${p.people} civil servants have backed it.`,
  genericFacts: 'Forum data that can be used for this section:',

  todo: {
    summaryImpact: 'one or two headline impact figures, e.g. the situation before and after',
    problem: 'describe the problem and the situation before the innovation',
    problemMore: 'describe the problem and the situation before the innovation in more detail',
    solutionMore: 'describe the idea in more detail: what is done, by whom and for whom',
    baseline: 'baseline data — figures from before the innovation (e.g. service time, number of cases, coverage) with their source and year',
    affected: 'who was affected by the problem, and how many',
    goals: 'measurable goals, e.g. “cut the service time from … days to … days by …”',
    solution: 'describe the idea: what is done, by whom and for whom',
    kind: 'the form of the innovation (governance or public service) and its type (digital or non-digital)',
    novelty: 'what is new or unique — compare it with the old way and with similar innovations elsewhere',
    steps: 'the implementation steps, the team, the area and target group, and the obstacles and how they were overcome',
    beforeAfter: 'fill in before/after data — figures from before the innovation and after it for the same indicator, e.g. service time, number of beneficiaries or cost',
    measurement: 'how the impact was measured (survey, service data, evaluation) and the data source',
    story: 'a beneficiary’s story or testimony',
    replicatedWho: 'who replicated it, where and since when',
    replicatedIfAny: 'if anyone has copied the innovation, say who, where and since when; if not, describe the replication plan',
    requirements: 'the minimum needed to copy it (cost, staff, regulation, equipment) and likely adopters',
    budget: 'the amount and source of the budget, e.g. APBD, DAK, village funds or CSR',
    staff: 'the number and roles of the staff involved',
    method: 'the working methods used',
    tools: 'the facilities and equipment used',
    toolsDigital: 'the facilities and equipment, including the applications, servers and devices used',
    regulation: (agency) => `the regulation behind the innovation, e.g. a decree of the head of ${agency}, a Regent's Regulation or a village regulation, with its number and year`,
    management: 'the person responsible and the team, the SOPs in force, and how quality is assured (monitoring and evaluation)',
    stakeholders: 'the stakeholders (residents, villages, businesses, media) and the role of each',
    category: 'the category according to this year’s guide',
    video: 'link to a profile video of the innovation',
    sdgs: 'the SDG goals it supports',
    startedOn: 'the date implementation started',
  },

  notRecorded: 'not recorded in the forum',
  finalist: (list) => `Yes — ${list}`,
  notFinalist: 'None recorded',
  warnNotImplemented: (years) =>
    `The innovation is not recorded as implemented. The competition ${years > 0 ? `requires at least ${years} year(s) of implementation` : 'requires an implemented innovation'}; check before registering.`,
  warnTooYoung: (p) => `The innovation has been in use since ${p.since}; the minimum of ${p.years} year(s) of implementation is reached on ${p.eligible}.`,

  doc: {
    title: (name) => `Draft proposal: ${name}`,
    subtitle: (p) => `${p.layout} · draft v${p.version}`,
    generated: (p) => `Written ${p.date} by the Warkop Indah bot (${p.source}).`,
    sourceTemplate: 'template',
    sourceModel: (model) => `model ${model}`,
    howTo:
      'This is a first draft, not the final text. Text marked [To add: …] notes data you must add; delete the note once it is filled in. The word counts below leave those notes out.',
    header: 'Form data',
    warnings: 'Please note',
    limits: (p) => `Limit ${p.max} words · weight ${p.weight}% · this draft ${p.words} words`,
    partLimits: (p) => `Limit ${p.max} words · this draft ${p.words} words`,
    guidance: 'Guidance: ',
  },
};
