import { describe, expect, it } from 'vitest';
import { deadlineAt, deadlineReminderPlan } from '../../../src/domain/competitions/deadlines.js';
import { missingItems } from '../../../src/domain/competitions/missing.js';
import { findTemplate, roundFromTemplate } from '../../../src/domain/competitions/templates.js';
import { findLayout } from '../../../src/domain/drafts/layout.js';

const TZ = 'Asia/Makassar';

describe('deadline reminder plan', () => {
  it('reminds 14, 7 and 2 days before at 09.00 WITA', () => {
    const plan = deadlineReminderPlan('2027-06-03', [2, 14, 7, 7], new Date('2026-12-01T00:00:00Z'), TZ);
    expect(plan).toEqual([
      { days: 14, dueAt: new Date('2027-05-20T01:00:00Z') },
      { days: 7, dueAt: new Date('2027-05-27T01:00:00Z') },
      { days: 2, dueAt: new Date('2027-06-01T01:00:00Z') },
    ]);
  });

  it('leaves out reminder times already past, and everything once the date is gone', () => {
    expect(deadlineReminderPlan('2027-06-03', [14, 7, 2], new Date('2027-05-25T00:00:00Z'), TZ).map((r) => r.days)).toEqual([7, 2]);
    expect(deadlineReminderPlan('2027-06-03', [14, 7, 2], new Date('2027-06-01T01:00:00Z'), TZ)).toEqual([]);
    expect(deadlineReminderPlan(null, [14], new Date('2027-01-01T00:00:00Z'), TZ)).toEqual([]);
  });

  it('crosses month ends', () => {
    expect(deadlineReminderPlan('2027-03-01', [2], new Date('2027-01-01T00:00:00Z'), TZ)).toEqual([{ days: 2, dueAt: new Date('2027-02-27T01:00:00Z') }]);
  });

  it('builds next year’s rounds from the template data, dates marked reported', () => {
    const round = roundFromTemplate(findTemplate('KIPP')!, 2027);
    expect(round.name).toBe('KIPP KemenPAN-RB 2027');
    expect(round.stages.find((s) => s.key === 'registration_close')).toMatchObject({ date: '2027-06-03', reported: true });
    expect(round.passingGrade).toBe(85);
    expect(deadlineAt({ ...round, deadlineStage: 'registration_close' }, TZ)).toEqual(new Date('2027-06-03T15:59:00Z'));
  });
});

describe('what a reminder lists as missing', () => {
  const layout = findLayout('kipp-umum-2023')!;
  const deadline = new Date('2027-06-03T15:59:00Z');
  const full = Object.fromEntries(
    ['summary', 'background', 'novelty', 'implementation', 'significance', 'adaptability.replicated', 'adaptability.potential', 'resources', 'sustainability'].map((k) => [k, 'Teks lengkap.']),
  );

  it('no draft, no implementation date', () => {
    expect(missingItems({ idea: { implementedOn: null }, draft: undefined, layout, deadline, lang: 'id', timeZone: TZ })).toEqual([
      { kind: 'no_draft' },
      { kind: 'no_implementation_date', years: 1 },
    ]);
  });

  it('[Lengkapi] sections, word limits, and the one-year rule counted to the deadline', () => {
    const sections = { ...full, novelty: 'Gagasan [Lengkapi: apa yang baru]', significance: 'kata '.repeat(601) };
    expect(Object.keys(full).every((k) => layout.sections.some((s) => k.startsWith(s.key)))).toBe(true);
    const items = missingItems({ idea: { implementedOn: '2026-06-04' }, draft: { sections }, layout, deadline, lang: 'id', timeZone: TZ });
    expect(items).toEqual([
      { kind: 'todo', sections: ['Kebaruan / Nilai Tambah'] },
      { kind: 'too_long', sections: [{ title: 'Signifikansi', words: 601, max: 600 }] },
      { kind: 'too_young', years: 1, since: '2026-06-04' },
    ]);
    expect(missingItems({ idea: { implementedOn: '2026-06-03' }, draft: { sections: full }, layout, deadline, lang: 'en', timeZone: TZ })).toEqual([]);
  });
});
