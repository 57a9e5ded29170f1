import { describe, expect, it } from 'vitest';
import { allowedTargets, checkMove, parseStage } from '../../../src/domain/ideas/stages.js';

const owner = { id: 1, role: 'member' as const };
const other = { id: 2, role: 'member' as const };
const coordinator = { id: 3, role: 'coordinator' as const };

describe('stage rules', () => {
  it('lets an owner move one step forward up to trial', () => {
    expect(checkMove({ actor: owner, idea: { ownerId: 1, stage: 'pitched' }, to: 'discussed' })).toEqual({ ok: true });
    expect(checkMove({ actor: owner, idea: { ownerId: 1, stage: 'initiative' }, to: 'trial' })).toEqual({ ok: true });
    expect(checkMove({ actor: owner, idea: { ownerId: 1, stage: 'trial' }, to: 'implemented' })).toEqual({ ok: false, reason: 'owner_limit' });
    expect(checkMove({ actor: owner, idea: { ownerId: 1, stage: 'pitched' }, to: 'initiative' })).toEqual({ ok: false, reason: 'owner_one_step' });
    expect(checkMove({ actor: owner, idea: { ownerId: 1, stage: 'discussed' }, to: 'pitched' })).toEqual({ ok: false, reason: 'owner_one_step' });
  });
  it('refuses members moving ideas that are not theirs', () => {
    expect(checkMove({ actor: other, idea: { ownerId: 1, stage: 'pitched' }, to: 'discussed' })).toEqual({ ok: false, reason: 'not_allowed' });
  });
  it('lets coordinators move anywhere, archiving with a reason, and reopen', () => {
    expect(checkMove({ actor: coordinator, idea: { ownerId: 1, stage: 'pitched' }, to: 'implemented' })).toEqual({ ok: true });
    expect(checkMove({ actor: coordinator, idea: { ownerId: 1, stage: 'trial' }, to: 'archived' })).toEqual({ ok: false, reason: 'reason_required' });
    expect(checkMove({ actor: coordinator, idea: { ownerId: 1, stage: 'trial' }, to: 'archived', note: 'anggaran tidak tersedia' })).toEqual({ ok: true });
    expect(checkMove({ actor: owner, idea: { ownerId: 1, stage: 'archived' }, to: 'pitched' })).toEqual({ ok: false, reason: 'archived_needs_coordinator' });
    expect(checkMove({ actor: coordinator, idea: { ownerId: 1, stage: 'archived' }, to: 'initiative' })).toEqual({ ok: true });
  });
  it('lists allowed targets', () => {
    expect(allowedTargets(owner, { ownerId: 1, stage: 'discussed' })).toEqual(['initiative']);
    expect(allowedTargets(other, { ownerId: 1, stage: 'discussed' })).toEqual([]);
    expect(allowedTargets(coordinator, { ownerId: 1, stage: 'discussed' })).toHaveLength(6);
  });
  it.each([
    ['dibahas', 'discussed'],
    ['Uji Coba', 'trial'],
    ['uji_coba', 'trial'],
    ['trial', 'trial'],
    ['DITERAPKAN', 'implemented'],
    ['arsip', 'archived'],
    ['selesai', undefined],
  ])('parses %s', (input, stage) => {
    expect(parseStage(input)).toBe(stage);
  });
});
