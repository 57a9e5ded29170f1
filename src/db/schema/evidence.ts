import { sql } from 'drizzle-orm';
import { customType, index, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';
import { ideas } from './ideas.js';
import { members } from './members.js';

/** PostgreSQL's bytea as a Buffer (postgres.js gives Buffers, PGlite Uint8Arrays). */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Files the bot keeps, bytes included: evidence documents and photos. Kept in the database (not
 * on disk, not only as Telegram file_ids) so a backup of the database, or its move from PGlite to
 * PostgreSQL, carries the files with it, consistent with the rows that point at them, and they
 * outlive the loss of the bot token. `telegramFileId` is only for cheap resends with this bot.
 */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: serial('id').primaryKey(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mimeType: text('mime_type').notNull(),
    fileName: text('file_name').notNull(),
    bytes: bytea('bytes').notNull(),
    telegramFileId: text('telegram_file_id'),
    telegramFileUniqueId: text('telegram_file_unique_id'),
    createdAt: createdAt(),
  },
  (t) => [index('stored_files_sha_idx').on(t.sha256, t.size)],
);

export const evidenceKinds = ['file', 'link'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/**
 * One piece of IGA evidence (bukti dukung) of an idea for an indicator of a year's list: a stored
 * file or a link. Removing one only marks it (who, when): the history stays.
 */
export const evidenceItems = pgTable(
  'evidence_items',
  {
    id: serial('id').primaryKey(),
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id),
    year: integer('year').notNull(),
    indicator: text('indicator').notNull(),
    kind: text('kind', { enum: evidenceKinds }).notNull(),
    fileId: integer('file_id').references(() => storedFiles.id),
    /** The name the member's file had (the stored bytes may be shared with an identical earlier file). */
    fileName: text('file_name'),
    url: text('url'),
    caption: text('caption'),
    /** The upload request (outbox dedupe key) that stored it: a retried download stores it once. */
    uploadKey: text('upload_key').unique(),
    addedBy: integer('added_by')
      .notNull()
      .references(() => members.id),
    createdAt: createdAt(),
    removedAt: instant('removed_at'),
    removedBy: integer('removed_by').references(() => members.id),
  },
  (t) => [
    index('evidence_items_idea_idx').on(t.ideaId, t.year, t.indicator).where(sql`removed_at is null`),
    index('evidence_items_year_idx').on(t.year, t.ideaId).where(sql`removed_at is null`),
  ],
);

export type StoredFile = typeof storedFiles.$inferSelect;
export type EvidenceItem = typeof evidenceItems.$inferSelect;
