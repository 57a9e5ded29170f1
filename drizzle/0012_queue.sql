-- Data moves first: every pending piece of work of the old queues becomes a job of the one queue
-- (status, due time, attempts and payload kept; a lease or backoff in claimed_until is kept as a
-- "not before", so nothing runs sooner than it would have). Finished rows were only records.
INSERT INTO "outbox" ("kind", "ref", "dedupe_key", "due_at", "status", "payload", "attempts", "claimed_until", "outcome", "created_at")
SELECT 'idea.' || "kind", 'idea:' || "idea_id",
  CASE WHEN "kind" = 'topic' THEN 'idea-topic:' || "idea_id" ELSE 'idea.' || "kind" || ':' || "event_id" END,
  "created_at", 'pending', jsonb_build_object('ideaId', "idea_id", 'eventId', "event_id"), "attempts", "claimed_until", "error", "created_at"
FROM "idea_outbox" WHERE "done_at" IS NULL AND "failed_at" IS NULL
ON CONFLICT ("dedupe_key") DO NOTHING;--> statement-breakpoint
INSERT INTO "outbox" ("kind", "ref", "dedupe_key", "due_at", "status", "payload")
SELECT 'session.refresh', 'post:' || "id", 'post:' || "id" || ':seq:' || "dirty_seq", "refresh_due_at", 'pending', jsonb_build_object('postId', "id")
FROM "session_posts" WHERE "refresh_due_at" IS NOT NULL
ON CONFLICT ("dedupe_key") DO NOTHING;--> statement-breakpoint
INSERT INTO "outbox" ("kind", "ref", "dedupe_key", "chat_id", "due_at", "status", "payload", "attempts", "claimed_until")
SELECT 'broadcast.deliver', 'broadcast:' || d."broadcast_id", 'broadcast-delivery:' || d."id", d."chat_id", b."created_at", 'pending',
  jsonb_build_object('broadcastId', d."broadcast_id", 'deliveryId', d."id"), d."attempts", d."claimed_until"
FROM "broadcast_deliveries" d JOIN "broadcasts" b ON b."id" = d."broadcast_id" WHERE d."status" = 'pending'
ON CONFLICT ("dedupe_key") DO NOTHING;--> statement-breakpoint
INSERT INTO "outbox" ("kind", "ref", "dedupe_key", "chat_id", "due_at", "status", "payload", "attempts", "claimed_until")
SELECT 'draft.' || "kind", 'draft_request:' || "id", 'draft_request:' || "id", "chat_id", "requested_at", 'pending',
  jsonb_build_object('requestId', "id"), "attempts", "claimed_until"
FROM "draft_requests" WHERE "status" IN ('queued', 'running')
ON CONFLICT ("dedupe_key") DO NOTHING;--> statement-breakpoint
DROP TABLE "idea_outbox" CASCADE;--> statement-breakpoint
DROP INDEX "session_posts_refresh_idx";--> statement-breakpoint
ALTER TABLE "draft_requests" DROP COLUMN "attempts";--> statement-breakpoint
ALTER TABLE "draft_requests" DROP COLUMN "claimed_until";--> statement-breakpoint
ALTER TABLE "session_posts" DROP COLUMN "refresh_due_at";--> statement-breakpoint
ALTER TABLE "session_posts" DROP COLUMN "claimed_until";--> statement-breakpoint
ALTER TABLE "session_posts" DROP COLUMN "claimed_by";--> statement-breakpoint
ALTER TABLE "session_posts" DROP COLUMN "attempts";--> statement-breakpoint
ALTER TABLE "broadcast_deliveries" DROP COLUMN "attempts";--> statement-breakpoint
ALTER TABLE "broadcast_deliveries" DROP COLUMN "claimed_until";--> statement-breakpoint
ALTER TABLE "broadcast_deliveries" DROP COLUMN "claimed_by";
