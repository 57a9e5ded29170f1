import { html, type Html } from '../html.js';
import type { recap as source } from '../id/recap.js';

const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export const recap: typeof source = {
  'recap.title': (p: { year: number }): Html => html`📊 <b>One Agency One Innovation recap ${p.year}</b>`,
  'recap.target': (p: { met: number; total: number; change: string }): Html =>
    html`🎯 Target met: <b>${p.met} of ${p.total} agencies</b> (${p.change})`,
  'recap.change.up': (p: { year: number; count: number; diff: number }): string => `${p.year}: ${p.count}, up ${p.diff}`,
  'recap.change.down': (p: { year: number; count: number; diff: number }): string => `${p.year}: ${p.count}, down ${p.diff}`,
  'recap.change.same': (p: { year: number; count: number }): string => `${p.year}: ${p.count}, unchanged`,
  'recap.metList': (p: { names: string }): Html => html`✅ Met: ${p.names}`,
  'recap.metNone': 'No agency has met the target yet.',
  'recap.andMore': (p: { count: number }): string => `and ${p.count} more`,
  'recap.close': (p: { count: number; names: string }): Html =>
    html`⏳ Close: <b>${p.count}</b> ${p.count === 1 ? 'agency has' : 'agencies have'} an idea in trial (${p.names})`,
  'recap.ideas': (p: { year: number; pitched: number; progress: number }): Html =>
    html`💡 Ideas pitched in ${p.year}: <b>${p.pitched}</b> · in progress now: <b>${p.progress}</b>`,
  'recap.results': (p: { year: number; count: number }): Html => html`🏆 Competition results ${p.year}: <b>${p.count}</b>`,
  'recap.resultLine': (p: { result: string; competition: string; level: string; idea: string; agency: string }): Html =>
    html`  • ${p.result} (${p.competition}, ${p.level}) — ${p.idea}, ${p.agency}`,
  'recap.rule': (p: { year: number }): Html =>
    html`<i>How it is counted: an agency meets the target with an innovation whose implementation began in ${p.year} and that is still implemented. Ideas are counted by the year they were pitched; “in progress” is the stage today (Pitched to Trial), whatever the year.</i>`,
  'recap.more': (p: { year: number }): Html =>
    html`The full table per agency is in the picture. Word report for the leadership: <code>/recap ${p.year} report</code> (coordinators).`,
  'recap.usage': 'Usage: <code>/recap</code>, <code>/recap 2026</code> or <code>/recap 2026 report</code> (coordinators).',
  'recap.badYear': (p: { input: string }): Html => html`“${p.input}” is not a valid year. Example: <code>/recap 2026</code>`,
  'recap.photoCaption': (p: { year: number }): Html => html`📊 Recap ${p.year} per agency and per year.`,
  'recap.documentCaption': (p: { year: number }): Html => html`📎 The ${p.year} recap picture in full size (too tall to send as a photo).`,
  'recap.chartFailed': 'Sorry, the recap picture cannot be made right now. The summary above stands.',
  'recap.reportWorking': (p: { year: number }): Html => html`⏳ Preparing the ${p.year} report…`,
  'recap.reportCaption': (p: { year: number }): Html => html`📎 Warkop Indah implementation report ${p.year}.`,
  'recap.file.chart': (p: { year: number }): string => `recap-${p.year}.png`,
  'recap.file.report': (p: { year: number }): string => `Warkop-Indah-Report-${p.year}.docx`,

  'recap.chart.title': (p: { year: number }): string => `One Agency One Innovation ${p.year}`,
  'recap.chart.subtitle': (p: { year: number; met: number; total: number }): string =>
    `Target: at least 1 innovation implemented from ${p.year} · met by ${p.met} of ${p.total} agencies (✓)`,
  'recap.chart.implemented': (p: { year: number }): string => `Implemented from ${p.year}`,
  'recap.chart.now': (p: { stage: string }): string => `${p.stage} (now)`,
  'recap.chart.rightAxis': (p: { year: number }): string => `Ideas ${p.year} · ★ results`,
  'recap.chart.target': 'Target',
  'recap.chart.axis': 'Ideas / innovations',
  'recap.chart.yearsTitle': 'Per year',
  'recap.chart.pitched': 'Ideas pitched',
  'recap.chart.implementedYears': 'Innovations implemented',
  'recap.chart.results': 'Competition results',
  'recap.chart.metAgencies': 'Agencies that met the target',
  'recap.chart.footer': (p: { date: string }): string => `Stages “now” as of ${p.date}. Source: Warkop Indah bot, Bagian Organisasi, Luwu Utara.`,

  'recap.report.title': (p: { year: number }): string => `Warkop Indah Implementation Report ${p.year}`,
  'recap.report.subtitle': 'Warung Koordinasi dan Pembangunan Inovasi Daerah · Luwu Utara Regency',
  'recap.report.issued': (p: { date: string }): string => `Prepared on ${p.date}`,
  'recap.report.h.summary': 'I. Summary',
  'recap.report.h.chart': 'II. Per agency and per year',
  'recap.report.h.table': 'III. Results of every agency',
  'recap.report.h.implemented': (p: { year: number }): string => `IV. Innovations implemented from ${p.year}`,
  'recap.report.h.results': (p: { year: number }): string => `V. Competition results ${p.year}`,
  'recap.report.h.sessions': (p: { year: number }): string => `VI. Warkop Indah sessions ${p.year}`,
  'recap.report.summary.target': (p: { met: number; total: number; percent: string; year: number }): string =>
    `${p.met} of ${p.total} agencies (${p.percent}) met the One Agency One Innovation target in ${p.year}.`,
  'recap.report.summary.change': (p: { previousYear: number; previous: number }): string => `In ${p.previousYear}: ${n(p.previous, 'agency', 'agencies')}.`,
  'recap.report.summary.close': (p: { count: number }): string =>
    p.count === 1 ? '1 other agency has an idea in trial and is close to the target.' : `${p.count} other agencies have an idea in trial and are close to the target.`,
  'recap.report.summary.ideas': (p: { year: number; pitched: number; implemented: number; progress: number }): string =>
    `In ${p.year}, ${n(p.pitched, 'idea was', 'ideas were')} pitched and ${n(p.implemented, 'innovation began', 'innovations began')} implementation; ${n(p.progress, 'idea is', 'ideas are')} in progress now (Pitched to Trial).`,
  'recap.report.summary.results': (p: { year: number; count: number }): string => `Competition results recorded for ${p.year}: ${p.count}.`,
  'recap.report.summary.sessions': (p: { count: number; attended: number }): string =>
    `Warkop Indah sessions held: ${p.count}, with ${p.attended} confirmed attendances.`,
  'recap.report.rule': (p: { year: number }): string =>
    `How it is counted: an agency meets the target with an innovation whose implementation began in ${p.year} and that is still implemented (replicated ones included). Ideas are counted by the year they were pitched. “In progress” is an idea's stage when the report was prepared, whatever the year. Archived innovations are not counted.`,
  'recap.report.col.no': 'No.',
  'recap.report.col.agency': 'Agency',
  'recap.report.col.pitched': (p: { year: number }): string => `Ideas pitched ${p.year}`,
  'recap.report.col.progress': 'In progress',
  'recap.report.col.implemented': (p: { year: number }): string => `Implemented from ${p.year}`,
  'recap.report.col.results': 'Competition results',
  'recap.report.col.met': 'Target',
  'recap.report.met': 'Met',
  'recap.report.notMet': 'Not yet',
  'recap.report.total': 'Total',
  'recap.report.col.innovation': 'Innovation',
  'recap.report.col.dates': 'Stages',
  'recap.report.col.stage': 'Stage now',
  'recap.report.dates': (p: { pitched: string; trial: string; implemented: string }): string =>
    `Pitched ${p.pitched} · Trial ${p.trial} · Implemented ${p.implemented}`,
  'recap.report.col.result': 'Result',
  'recap.report.col.competition': 'Competition',
  'recap.report.col.date': 'Date',
  'recap.report.col.session': 'Session',
  'recap.report.col.place': 'Place',
  'recap.report.col.attended': 'Attended (confirmed)',
  'recap.report.col.registered': 'Answered Hadir',
  'recap.report.none': 'None.',
  'recap.export.col.pitched': 'Ideas pitched (this year)',
  'recap.export.col.now.pitched': 'Pitched (now)',
  'recap.export.col.now.discussed': 'Discussed (now)',
  'recap.export.col.now.initiative': 'Initiative (now)',
  'recap.export.col.now.trial': 'Trial (now)',
  'recap.export.col.progress': 'In progress (now)',
  'recap.export.col.implemented': 'Innovations implemented (this year)',
  'recap.report.footer': 'Prepared automatically by the Warkop Indah bot from the forum’s data.',
};
