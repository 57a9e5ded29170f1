CREATE TABLE "pending_rsvps" (
	"member_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"answer" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pending_rsvps_member_id_session_id_pk" PRIMARY KEY("member_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "reminder_prefs" (
	"member_id" integer PRIMARY KEY NOT NULL,
	"offsets" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_agenda" (
	"session_id" integer NOT NULL,
	"idea_id" integer NOT NULL,
	"added_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_agenda_session_id_idea_id_pk" PRIMARY KEY("session_id","idea_id")
);
--> statement-breakpoint
CREATE TABLE "session_posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"session_id" integer NOT NULL,
	"chat_id" bigint NOT NULL,
	"thread_id" integer,
	"message_id" integer NOT NULL,
	"ics_message_id" integer,
	"dirty_seq" integer DEFAULT 0 NOT NULL,
	"rendered_seq" integer DEFAULT 0 NOT NULL,
	"refresh_due_at" timestamp with time zone,
	"last_edited_at" timestamp with time zone,
	"claimed_until" timestamp with time zone,
	"claimed_by" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_rsvps" (
	"session_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"answer" text NOT NULL,
	"waitlisted_at" timestamp with time zone,
	"attended" boolean,
	"attendance_by" integer,
	"answered_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_rsvps_session_id_member_id_pk" PRIMARY KEY("session_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"series_id" integer,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"agenda" text,
	"capacity" integer,
	"recurrence" text,
	"recurrence_until" date,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"cancel_reason" text,
	"minutes" text,
	"minutes_at" timestamp with time zone,
	"minutes_by" integer,
	"uid" text NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_uid_unique" UNIQUE("uid")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"ref" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"chat_id" bigint,
	"thread_id" integer,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_until" timestamp with time zone,
	"claimed_by" text,
	"processed_at" timestamp with time zone,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "broadcast_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"broadcast_id" integer NOT NULL,
	"chat_id" bigint NOT NULL,
	"thread_id" integer,
	"member_id" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_until" timestamp with time zone,
	"claimed_by" text,
	"message_id" integer,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "broadcasts" (
	"id" serial PRIMARY KEY NOT NULL,
	"created_by" integer NOT NULL,
	"text" text NOT NULL,
	"entities" jsonb,
	"audience" text NOT NULL,
	"agency_ids" jsonb,
	"status" text DEFAULT 'sending' NOT NULL,
	"total" integer NOT NULL,
	"progress_chat_id" bigint,
	"progress_message_id" integer,
	"progress_edited_at" timestamp with time zone,
	"reported_at" timestamp with time zone,
	"cancelled_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "linked_chats" (
	"chat_id" bigint PRIMARY KEY NOT NULL,
	"thread_id" integer,
	"linked_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pending_rsvps" ADD CONSTRAINT "pending_rsvps_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_rsvps" ADD CONSTRAINT "pending_rsvps_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_prefs" ADD CONSTRAINT "reminder_prefs_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_agenda" ADD CONSTRAINT "session_agenda_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_agenda" ADD CONSTRAINT "session_agenda_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_agenda" ADD CONSTRAINT "session_agenda_added_by_members_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_posts" ADD CONSTRAINT "session_posts_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_rsvps" ADD CONSTRAINT "session_rsvps_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_rsvps" ADD CONSTRAINT "session_rsvps_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_rsvps" ADD CONSTRAINT "session_rsvps_attendance_by_members_id_fk" FOREIGN KEY ("attendance_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_minutes_by_members_id_fk" FOREIGN KEY ("minutes_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_created_by_members_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_deliveries" ADD CONSTRAINT "broadcast_deliveries_broadcast_id_broadcasts_id_fk" FOREIGN KEY ("broadcast_id") REFERENCES "public"."broadcasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_deliveries" ADD CONSTRAINT "broadcast_deliveries_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_created_by_members_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_cancelled_by_members_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linked_chats" ADD CONSTRAINT "linked_chats_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linked_chats" ADD CONSTRAINT "linked_chats_linked_by_members_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "session_posts_session_chat_uq" ON "session_posts" USING btree ("session_id","chat_id");--> statement-breakpoint
CREATE INDEX "session_posts_refresh_idx" ON "session_posts" USING btree ("refresh_due_at") WHERE refresh_due_at is not null;--> statement-breakpoint
CREATE INDEX "session_rsvps_member_idx" ON "session_rsvps" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "sessions_status_starts_idx" ON "sessions" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "sessions_series_idx" ON "sessions" USING btree ("series_id");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("due_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_ref_idx" ON "outbox" USING btree ("ref","status");--> statement-breakpoint
CREATE UNIQUE INDEX "broadcast_deliveries_uq" ON "broadcast_deliveries" USING btree ("broadcast_id","chat_id");--> statement-breakpoint
CREATE INDEX "broadcast_deliveries_pending_idx" ON "broadcast_deliveries" USING btree ("broadcast_id","id") WHERE status = 'pending';