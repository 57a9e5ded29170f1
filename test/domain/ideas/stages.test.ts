import { describe, expect, it } from 'vitest';
import { stages, type Stage } from '../../../src/db/schema/index.js';
import { allowedTargets, checkMove, nextStage, parseStage, parseStagePrefix } from '../../../src/domain/ideas/stages.js';

const owner = { id: 1, role: 'member' as const };
const other = { id: 2, role: 'member' as const };
const coordinator = { id: 3, role: 'coordinator' as const };
const admin = { id: 4, role: 'admin' as const };
const idea = (stage: Stage) => ({ ownerId: owner.id, stage });

describe('checkMove', () => {
  it('lets the owner make exactly the one-step forward moves up to trial', () => {
    const allowed: [Stage, Stage][] = [];
    for (const from of stages) for (const to of stages) if (checkMove({ actor: owner, idea: idea(from), to, note: 'n' }).ok) allowed.push([from, to]);
    expect(allowed).toEqual([
      ['pitched', 'discussed'],
      ['discussed', 'initiative'],
      ['initiative', 'trial'],
    ]);
  });

  it('gives the owner the reason for each refused move', () => {
    expect(checkMove({ actor: owner, idea: idea('pitched'), to: 'pitched' })).toEqual({ ok: false, reason: 'same_stage' });
    expect(checkMove({ actor: owner, idea: idea('pitched'), to: 'initiative' })).toEqual({ ok: false, reason: 'owner_one_step' });
    expect(checkMove({ actor: owner, idea: idea('discussed'), to: 'pitched' })).toEqual({ ok: false, reason: 'owner_one_step' });
    expect(checkMove({ actor: owner, idea: idea('trial'), to: 'implemented' })).toEqual({ ok: false, reason: 'owner_limit' });
    expect(checkMove({ actor: owner, idea: idea('implemented'), to: 'replicated' })).toEqual({ ok: false, reason: 'owner_limit' });
    expect(checkMove({ actor: owner, idea: idea('pitched'), to: 'archived', note: 'x' })).toEqual({ ok: false, reason: 'archive_needs_coordinator' });
    expect(checkMove({ actor: owner, idea: idea('archived'), to: 'pitched' })).toEqual({ ok: false, reason: 'archived_needs_coordinator' });
  });

  it('refuses every move by a member who does not own the idea', () => {
    for (const from of stages) {
      for (const to of stages) {
        const result = checkMove({ actor: other, idea: idea(from), to, note: 'n' });
        expect(result.ok).toBe(false);
        if (!result.ok && from !== to) expect(['not_allowed', 'archived_needs_coordinator']).toContain(result.reason);
      }
    }
    // Not "give a reason": they may not archive at all.
    expect(checkMove({ actor: other, idea: idea('pitched'), to: 'archived' })).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('lets coordinators and admins make any move, archiving only with a reason', () => {
    for (const actor of [coordinator, admin]) {
      for (const from of stages) {
        for (const to of stages) {
          const result = checkMove({ actor, idea: idea(from), to, note: to === 'archived' ? 'alasan' : undefined });
          expect(result.ok).toBe(from !== to);
        }
      }
      expect(checkMove({ actor, idea: idea('trial'), to: 'archived' })).toEqual({ ok: false, reason: 'reason_required' });
      expect(checkMove({ actor, idea: idea('trial'), to: 'archived', note: '   ' })).toEqual({ ok: false, reason: 'reason_required' });
    }
  });

  it('lists the allowed targets', () => {
    expect(allowedTargets(owner, idea('pitched'))).toEqual(['discussed']);
    expect(allowedTargets(owner, idea('trial'))).toEqual([]);
    expect(allowedTargets(other, idea('pitched'))).toEqual([]);
    expect(allowedTargets(coordinator, idea('archived'))).toEqual(['pitched', 'discussed', 'initiative', 'trial', 'implemented', 'replicated']);
  });
});

describe('parseStage', () => {
  it('reads codes and labels in any case, with space or underscore', () => {
    expect(parseStage('dibahas')).toBe('discussed');
    expect(parseStage('Uji Coba')).toBe('trial');
    expect(parseStage('uji_coba')).toBe('trial');
    expect(parseStage('TRIAL')).toBe('trial');
    expect(parseStage('diterapkan')).toBe('implemented');
    expect(parseStage('arsip')).toBe('archived');
    expect(parseStage('terbang')).toBeUndefined();
  });

  it('reads a one- or two-word stage at the start of the words', () => {
    expect(parseStagePrefix(['uji', 'coba', 'catatan'])).toEqual({ stage: 'trial', used: 2 });
    expect(parseStagePrefix(['dibahas', 'di', 'sesi'])).toEqual({ stage: 'discussed', used: 1 });
    expect(parseStagePrefix(['Dinkes'])).toBeUndefined();
  });

  it('knows the next stage on the path', () => {
    expect(nextStage('pitched')).toBe('discussed');
    expect(nextStage('implemented')).toBe('replicated');
    expect(nextStage('replicated')).toBeUndefined();
    expect(nextStage('archived')).toBeUndefined();
  });
});
