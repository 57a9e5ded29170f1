import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, ideas, members, type Idea, type IdeaAward, type Stage } from '../../db/schema/index.js';
import type { CoachingSummary } from '../coaching/coaches.js';
import { indicatorSetFor, newestIndicatorYear } from '../evidence/indicators.js';

export interface HistoryEntry {
  from: Stage | null;
  to: Stage;
  note: string | null;
  at: Date;
  actorName: string | null;
  /** A coaching note (from and to are then the stage the idea was in). */
  coaching?: true;
}

/** What decides the buttons of a card drawn for one member (a private chat), read with the card. */
export interface CardViewerFacts {
  memberId: number;
  /** The viewer coaches the idea now (📒). */
  coach: boolean;
  /** A co-author (`/rekan`): may draft (📝). */
  collaborator: boolean;
  /** The viewer's own 👍 state. */
  supports: boolean;
  /** Archived ideas: the stage a coordinator's reopen returns to (null when the idea is not archived). */
  reopenTo: Stage | null;
}

export interface IdeaCardData {
  idea: Idea;
  agency: { name: string; shortName: string };
  owner: { id: number; name: string; username: string | null; telegramId: number };
  awards: IdeaAward[];
  /** Newest last; at most `historyLimit` entries. Stage moves and coaching notes. */
  history: HistoryEntry[];
  /** Coaches and coaching dates. */
  coaching: CoachingSummary;
  /** IGA evidence: indicators with evidence out of the newest indicator list (see domain/evidence). */
  evidence?: { done: number; total: number; year: number };
  /** Present when the card was loaded for a viewer. */
  viewer?: CardViewerFacts;
}

const HISTORY_ON_CARD = 4;

/** The JSON document of the one statement's sub-selects (timestamps arrive as ISO text). */
interface CardExtras {
  awards: { id: number; ideaId: number; level: IdeaAward['level']; competition: IdeaAward['competition']; year: number; result: string; recordedBy: number | null; createdAt: string }[];
  moves: { from: Stage | null; to: Stage; note: string | null; at: string; actorName: string | null }[];
  notes: { text: string; at: string; authorName: string }[];
  evidenceDone: number;
  coaches: string[];
  lastNoteAt: string | null;
  nextAt: string | null;
  coach: boolean;
  collaborator: boolean;
  supports: boolean;
  reopenFrom: Stage | null;
}

const date = (v: string | null): Date | null => (v === null ? null : new Date(v));

/**
 * Everything the card shows — and, for a viewer, what its buttons depend on — in ONE statement:
 * the idea with its agency and owner, and one JSON document of correlated sub-selects (awards,
 * the last stage moves and coaching notes, evidence progress, coaches, the coaching dates, the
 * viewer's co-authorship, coaching and 👍). Each sub-select is the indexed query it replaces; an
 * idea card is drawn on every /ide, 👍 and stage move, and ten round trips were most of its cost.
 */
export async function loadIdeaCard(db: DbOrTx, id: number, historyLimit = HISTORY_ON_CARD, viewerId?: number): Promise<IdeaCardData | undefined> {
  const set = indicatorSetFor(newestIndicatorYear());
  const limit = Math.max(0, historyLimit);
  const idea = sql`${ideas.id}`;
  const codes = sql.join(
    set.indicators.map((i) => sql`${i.code}`),
    sql`, `,
  );
  const viewer = (facts: SQL): SQL => (viewerId === undefined ? sql`false` : facts);
  const extras = sql<string>`json_build_object(
    'awards', (select coalesce(json_agg(json_build_object('id', a.id, 'ideaId', a.idea_id, 'level', a.level, 'competition', a.competition,
        'year', a.year, 'result', a.result, 'recordedBy', a.recorded_by, 'createdAt', a.created_at) order by a.year desc, a.id), '[]'::json)
      from idea_awards a where a.idea_id = ${idea}),
    'moves', (select coalesce(json_agg(json_build_object('from', e.from_stage, 'to', e.to_stage, 'note', e.note, 'at', e.created_at,
        'actorName', e.actor_name) order by e.id desc), '[]'::json)
      from (select e.id, e.from_stage, e.to_stage, e.note, e.created_at, coalesce(m.full_name, m.first_name) as actor_name
            from idea_stage_events e left join members m on m.id = e.actor_id
            where e.idea_id = ${idea} order by e.id desc limit ${limit}) e),
    'notes', (select coalesce(json_agg(json_build_object('text', n.text, 'at', n.created_at, 'authorName', n.author_name) order by n.id desc), '[]'::json)
      from (select n.id, n.text, n.created_at, coalesce(m.full_name, m.first_name) as author_name
            from coaching_notes n join members m on m.id = n.author_id
            where n.idea_id = ${idea} order by n.id desc limit ${limit}) n),
    'evidenceDone', (select count(distinct v.indicator) from evidence_items v
      where v.idea_id = ${idea} and v.year = ${set.year} and v.removed_at is null and v.indicator in (${codes})),
    'coaches', (select coalesce(json_agg(coalesce(m.full_name, m.first_name) order by c.id), '[]'::json)
      from idea_coaches c join members m on m.id = c.member_id where c.idea_id = ${idea} and c.removed_at is null),
    'lastNoteAt', (select n.created_at from coaching_notes n where n.idea_id = ${idea} order by n.id desc limit 1),
    'nextAt', (select s.next_at from coaching_schedules s where s.idea_id = ${idea}),
    'coach', ${viewer(sql`exists (select 1 from idea_coaches c where c.idea_id = ${idea} and c.member_id = ${viewerId} and c.removed_at is null)`)},
    'collaborator', ${viewer(sql`exists (select 1 from idea_collaborators c where c.idea_id = ${idea} and c.member_id = ${viewerId})`)},
    'supports', ${viewer(sql`exists (select 1 from idea_supports s where s.idea_id = ${idea} and s.member_id = ${viewerId})`)},
    'reopenFrom', ${viewerId === undefined ? sql`null` : sql`case when ${ideas.stage} = 'archived' then (select e.from_stage from idea_stage_events e
        where e.idea_id = ${idea} and e.to_stage = 'archived' order by e.id desc limit 1) end`}
  )::text`;
  const [row] = await db
    .select({
      idea: ideas,
      agencyName: agencies.name,
      agencyShort: agencies.shortName,
      ownerFull: members.fullName,
      ownerFirst: members.firstName,
      ownerUsername: members.username,
      ownerTelegramId: members.telegramId,
      extras,
    })
    .from(ideas)
    .innerJoin(agencies, eq(agencies.id, ideas.agencyId))
    .innerJoin(members, eq(members.id, ideas.ownerId))
    .where(and(eq(ideas.id, id), isNull(ideas.deletedAt)));
  if (!row) return undefined;
  const x = JSON.parse(row.extras) as CardExtras;
  const moves: HistoryEntry[] = x.moves.map((e) => ({ from: e.from, to: e.to, note: e.note, at: new Date(e.at), actorName: e.actorName ?? null }));
  const notes: HistoryEntry[] = x.notes.map((n) => ({ from: row.idea.stage, to: row.idea.stage, note: n.text, at: new Date(n.at), actorName: n.authorName, coaching: true }));
  // Newest first, the two kinds merged; a stage move wins a tie (it is shown before the note made after it).
  const history = [...moves, ...notes].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.coaching ? -1 : 0) - (b.coaching ? -1 : 0)).slice(0, limit);
  const data: IdeaCardData = {
    evidence: { done: Number(x.evidenceDone), total: set.indicators.length, year: set.year },
    idea: row.idea,
    agency: { name: row.agencyName, shortName: row.agencyShort },
    owner: { id: row.idea.ownerId, name: row.ownerFull ?? row.ownerFirst, username: row.ownerUsername, telegramId: row.ownerTelegramId },
    awards: x.awards.map((a) => ({ ...a, createdAt: new Date(a.createdAt) })),
    history: history.reverse(),
    coaching: { coaches: x.coaches, lastNoteAt: date(x.lastNoteAt), nextAt: date(x.nextAt) },
  };
  if (viewerId !== undefined) {
    const reopenTo = row.idea.stage === 'archived' ? (x.reopenFrom && x.reopenFrom !== 'archived' ? x.reopenFrom : 'pitched') : null;
    data.viewer = { memberId: viewerId, coach: x.coach, collaborator: x.collaborator, supports: x.supports, reopenTo };
  }
  return data;
}

/**
 * The card of an idea just saved (insertIdea), without reading it back: its one history row is
 * the pitch by its owner, and nobody can have coached, supported or co-authored it yet.
 */
export function freshIdeaCard(idea: Idea, agency: { name: string; shortName: string }, owner: IdeaCardData['owner'], at: Date): IdeaCardData {
  const set = indicatorSetFor(newestIndicatorYear());
  return {
    evidence: { done: 0, total: set.indicators.length, year: set.year },
    idea,
    agency: { name: agency.name, shortName: agency.shortName },
    owner,
    awards: [],
    history: [{ from: null, to: 'pitched', note: null, at, actorName: owner.name }],
    coaching: { coaches: [], lastNoteAt: null, nextAt: null },
    viewer: { memberId: owner.id, coach: false, collaborator: false, supports: false, reopenTo: null },
  };
}
