import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ideas, members } from '../../../src/db/schema/index.js';
import { addCollaborator, ideaCollaboratorIds, removeCollaborator } from '../../../src/domain/ideas/collaborators.js';
import { canDraft, findDraftableIdea } from '../../../src/domain/drafts/access.js';
import { gatherSources, type MinutesSource } from '../../../src/domain/drafts/sources.js';
import { findLayout } from '../../../src/domain/drafts/layout.js';
import { writeTemplateDraft } from '../../../src/domain/drafts/template/index.js';
import { engines, useTestDatabase } from '../../helpers/databases.js';
import { agencyIdOf, insertCompleteIdea } from '../../helpers/draft-ideas.js';

describe.each(engines)('draft sources (%s)', (engine) => {
  const database = useTestDatabase(engine);

  async function member(telegramId: number, name: string, agency: string) {
    const [m] = await database.db
      .insert(members)
      .values({ telegramId, firstName: name, fullName: name, agencyId: await agencyIdOf(database.db, agency), registeredAt: new Date() })
      .returning();
    return m!;
  }

  it('gathers every field, the history, supporters, comments, awards and minutes', async () => {
    const ana = await member(1, 'Ana Lestari', 'DKP');
    const budi = await member(2, 'Budi Santoso', 'Dinkes');
    const idea = await insertCompleteIdea(database.db, ana.telegramId, { supporters: [budi.telegramId], commenter: budi.telegramId });
    const asked: number[] = [];
    const minutes: MinutesSource = async (_db, ideaId) => {
      asked.push(ideaId);
      return [
        { date: new Date('2022-02-03T02:00:00Z'), text: 'Uji coba di dua desa disepakati.' },
        { date: new Date('2021-11-04T02:00:00Z'), text: 'Getar Dilan dipresentasikan. Rompi KPK ditunda ke bulan depan.' },
        // Minutes of a session that had it on the agenda but speak only of another idea.
        { date: new Date('2021-12-04T02:00:00Z'), text: 'Rompi KPK disetujui. Peta Baper perlu data desa.' },
      ];
    };
    const s = await gatherSources(database.db, idea.id, minutes);
    expect(asked).toEqual([idea.id]);
    expect(s).toMatchObject({
      idea: { name: 'Getar Dilan', expansion: 'Gerakan Tanam Sayur di Lahan Pekarangan', stage: 'implemented', trialStartedOn: '2022-03-01', implementedOn: '2023-01-15', form: 'public_service', digital: false },
      agency: { name: 'Dinas Ketahanan Pangan', shortName: 'DKP' },
      owner: { name: 'Ana Lestari' },
      supporters: [{ name: 'Budi Santoso', agency: 'Dinkes' }],
      comments: [{ author: 'Budi Santoso', agency: 'Dinkes' }],
      awards: [{ competition: 'KIPP', level: 'provinsi', year: 2024, result: 'Top 30' }],
    });
    expect(s!.history.map((h) => h.stage)).toEqual(['discussed', 'initiative', 'trial', 'implemented']);
    // Oldest first, whatever order the sessions feature returns them in; only what concerns this idea.
    expect(s!.minutes.map((m) => m.text)).toEqual(['Getar Dilan dipresentasikan.', 'Uji coba di dua desa disepakati.']);

    const draft = writeTemplateDraft(s!, findLayout('kipp-umum-2023')!, { lang: 'id', tz: 'Asia/Makassar', now: new Date('2026-11-30T01:00:00Z') });
    expect(draft.implementation).toContain('Dalam sesi Warkop Indah pada 3 Februari 2022 dicatat: “Uji coba di dua desa disepakati.”');
    expect(draft.sustainability).toContain('Inovasi ini telah dibahas dalam 2 sesi Warkop Indah (4 November 2021 dan 3 Februari 2022).');
  });

  it('knows no deleted idea, and checks who may draft', async () => {
    const ana = await member(1, 'Ana Lestari', 'DKP');
    const citra = await member(3, 'Citra Dewi', 'DKP');
    const budi = await member(2, 'Budi Santoso', 'Dinkes');
    const idea = await insertCompleteIdea(database.db, ana.telegramId, { supporters: [], commenter: ana.telegramId });
    const found = (await findDraftableIdea(database.db, idea.id))!;
    const db = database.db;
    expect(await canDraft(db, ana, found)).toBe(true);
    // The same agency is not enough: members choose it themselves in /profil.
    expect(await canDraft(db, citra, found)).toBe(false);
    expect(await canDraft(db, budi, found)).toBe(false);
    expect(await canDraft(db, { ...budi, role: 'coordinator' }, found)).toBe(true);
    expect(await canDraft(db, { ...ana, registeredAt: null }, found)).toBe(false);
    // A co-author the owner adds may draft; removed, no longer.
    expect(await addCollaborator(db, { idea: found, member: citra, addedBy: ana.id })).toEqual({ ok: true });
    expect(await canDraft(db, citra, found)).toBe(true);
    expect(await ideaCollaboratorIds(db, found.id)).toEqual([citra.id]);
    expect(await addCollaborator(db, { idea: found, member: citra, addedBy: ana.id })).toEqual({ ok: false, reason: 'already' });
    expect(await addCollaborator(db, { idea: found, member: ana, addedBy: ana.id })).toEqual({ ok: false, reason: 'owner' });
    expect(await removeCollaborator(db, found.id, citra.id)).toBe(true);
    expect(await canDraft(db, citra, found)).toBe(false);
    await database.db.update(ideas).set({ deletedAt: new Date() }).where(eq(ideas.id, idea.id));
    expect(await findDraftableIdea(database.db, idea.id)).toBeUndefined();
    expect(await gatherSources(database.db, idea.id)).toBeUndefined();
  });
});
