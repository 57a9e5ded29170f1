DROP INDEX "ideas_fts_idx";--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('indonesian', coalesce("ideas"."name", '')), 'A') || to_tsvector('indonesian', coalesce("ideas"."expansion", '') || ' ' || coalesce("ideas"."summary", '') || ' ' || coalesce("ideas"."problem", '') || ' ' || coalesce("ideas"."solution", '') || ' ' || coalesce("ideas"."beneficiaries", ''))) STORED;--> statement-breakpoint
CREATE INDEX "ideas_expansion_trgm_idx" ON "ideas" USING gin (coalesce("expansion", '') gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ideas_search_idx" ON "ideas" USING gin ("search");--> statement-breakpoint
CREATE INDEX "ideas_live_idx" ON "ideas" USING btree ("id" DESC NULLS LAST) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "ideas_recap_idx" ON "ideas" USING btree ("created_at","agency_id","stage") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "outbox_chat_pending_idx" ON "outbox" USING btree ("chat_id","ref") WHERE status = 'pending';