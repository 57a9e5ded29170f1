CREATE TABLE "candidate_moves" (
	"id" serial PRIMARY KEY NOT NULL,
	"candidate_id" integer NOT NULL,
	"from_step" text,
	"to_step" text NOT NULL,
	"actor_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "candidate_scores" (
	"candidate_id" integer NOT NULL,
	"assessor_id" integer NOT NULL,
	"criterion" text NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidate_scores_candidate_id_assessor_id_criterion_pk" PRIMARY KEY("candidate_id","assessor_id","criterion")
);
--> statement-breakpoint
CREATE TABLE "competition_candidates" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"idea_id" integer NOT NULL,
	"step" text NOT NULL,
	"shortlisted" boolean DEFAULT false NOT NULL,
	"registered_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competition_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"level" text NOT NULL,
	"layout_id" text NOT NULL,
	"template_id" text,
	"stages" jsonb NOT NULL,
	"steps" jsonb NOT NULL,
	"deadline_stage" text DEFAULT 'registration_close' NOT NULL,
	"reminder_days" jsonb NOT NULL,
	"passing_grade" real,
	"disagreement_margin" real DEFAULT 15 NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"scoring_closed_at" timestamp with time zone,
	"shortlist_size" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_assessors" (
	"round_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"added_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "round_assessors_round_id_member_id_pk" PRIMARY KEY("round_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "candidate_moves" ADD CONSTRAINT "candidate_moves_candidate_id_competition_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."competition_candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_moves" ADD CONSTRAINT "candidate_moves_actor_id_members_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_scores" ADD CONSTRAINT "candidate_scores_candidate_id_competition_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."competition_candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_scores" ADD CONSTRAINT "candidate_scores_assessor_id_members_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competition_candidates" ADD CONSTRAINT "competition_candidates_round_id_competition_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."competition_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competition_candidates" ADD CONSTRAINT "competition_candidates_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competition_candidates" ADD CONSTRAINT "competition_candidates_registered_by_members_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competition_rounds" ADD CONSTRAINT "competition_rounds_created_by_members_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_assessors" ADD CONSTRAINT "round_assessors_round_id_competition_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."competition_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_assessors" ADD CONSTRAINT "round_assessors_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_assessors" ADD CONSTRAINT "round_assessors_added_by_members_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "candidate_moves_candidate_idx" ON "candidate_moves" USING btree ("candidate_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "competition_candidates_round_idea_uq" ON "competition_candidates" USING btree ("round_id","idea_id");--> statement-breakpoint
CREATE INDEX "competition_candidates_idea_idx" ON "competition_candidates" USING btree ("idea_id");