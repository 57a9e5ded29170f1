CREATE TABLE "update_effects" (
	"update_id" bigint NOT NULL,
	"scope" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "update_effects_update_id_scope_pk" PRIMARY KEY("update_id","scope")
);
