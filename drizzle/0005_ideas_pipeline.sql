CREATE TABLE "idea_forum" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"chat_id" bigint NOT NULL,
	"set_by" integer,
	"set_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idea_outbox" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"idea_id" integer NOT NULL,
	"event_id" integer,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_until" timestamp with time zone,
	"done_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "ideas_owner_idx";--> statement-breakpoint
DROP INDEX "ideas_fts_idx";--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "summary" text;--> statement-breakpoint
ALTER TABLE "idea_forum" ADD CONSTRAINT "idea_forum_set_by_members_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_outbox" ADD CONSTRAINT "idea_outbox_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_outbox" ADD CONSTRAINT "idea_outbox_event_id_idea_stage_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."idea_stage_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idea_outbox_due_idx" ON "idea_outbox" USING btree ("id") WHERE done_at is null and failed_at is null;--> statement-breakpoint
CREATE INDEX "ideas_agency_id_idx" ON "ideas" USING btree ("agency_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ideas_implemented_idx" ON "ideas" USING btree ("implemented_on");--> statement-breakpoint
CREATE INDEX "ideas_owner_idx" ON "ideas" USING btree ("owner_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ideas_fts_idx" ON "ideas" USING gin (to_tsvector('indonesian', coalesce("name", '') || ' ' || coalesce("expansion", '') || ' ' || coalesce("summary", '') || ' ' || coalesce("problem", '') || ' ' || coalesce("solution", '') || ' ' || coalesce("beneficiaries", '')));