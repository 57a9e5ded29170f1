CREATE TABLE "idea_awards" (
	"id" serial PRIMARY KEY NOT NULL,
	"idea_id" integer NOT NULL,
	"level" text NOT NULL,
	"competition" text NOT NULL,
	"year" integer NOT NULL,
	"result" text NOT NULL,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idea_comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"idea_id" integer NOT NULL,
	"author_id" integer NOT NULL,
	"text" text NOT NULL,
	"telegram_message_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idea_stage_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"idea_id" integer NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"actor_id" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idea_supports" (
	"idea_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idea_supports_idea_id_member_id_pk" PRIMARY KEY("idea_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "ideas" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"expansion" text,
	"problem" text,
	"solution" text,
	"beneficiaries" text,
	"form" text,
	"digital" boolean,
	"agency_id" integer NOT NULL,
	"owner_id" integer NOT NULL,
	"stage" text DEFAULT 'pitched' NOT NULL,
	"trial_started_on" date,
	"implemented_on" date,
	"archived_reason" text,
	"topic_chat_id" bigint,
	"topic_thread_id" integer,
	"support_count" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "idea_awards" ADD CONSTRAINT "idea_awards_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_awards" ADD CONSTRAINT "idea_awards_recorded_by_members_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_author_id_members_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_stage_events" ADD CONSTRAINT "idea_stage_events_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_stage_events" ADD CONSTRAINT "idea_stage_events_actor_id_members_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_supports" ADD CONSTRAINT "idea_supports_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_supports" ADD CONSTRAINT "idea_supports_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_owner_id_members_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idea_awards_idea_idx" ON "idea_awards" USING btree ("idea_id");--> statement-breakpoint
CREATE INDEX "idea_awards_year_idx" ON "idea_awards" USING btree ("year");--> statement-breakpoint
CREATE INDEX "idea_comments_idea_idx" ON "idea_comments" USING btree ("idea_id","id");--> statement-breakpoint
CREATE INDEX "idea_stage_events_idea_idx" ON "idea_stage_events" USING btree ("idea_id","id");--> statement-breakpoint
CREATE INDEX "idea_stage_events_to_idx" ON "idea_stage_events" USING btree ("to_stage","created_at");--> statement-breakpoint
CREATE INDEX "ideas_created_idx" ON "ideas" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ideas_agency_idx" ON "ideas" USING btree ("agency_id","stage");--> statement-breakpoint
CREATE INDEX "ideas_owner_idx" ON "ideas" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "ideas_stage_idx" ON "ideas" USING btree ("stage","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ideas_name_trgm_idx" ON "ideas" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ideas_fts_idx" ON "ideas" USING gin (to_tsvector('indonesian', coalesce("name", '') || ' ' || coalesce("expansion", '') || ' ' || coalesce("problem", '') || ' ' || coalesce("solution", '') || ' ' || coalesce("beneficiaries", '')));--> statement-breakpoint
CREATE INDEX "ideas_topic_idx" ON "ideas" USING btree ("topic_chat_id","topic_thread_id");