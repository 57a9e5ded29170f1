CREATE SCHEMA "cache";
--> statement-breakpoint
CREATE TABLE "cache"."data_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
DROP INDEX "ideas_recap_idx";--> statement-breakpoint
-- One scan of this index (no table access) counts the whole recap: implemented_on joins its key.
CREATE INDEX "ideas_recap_idx" ON "ideas" USING btree ("created_at","agency_id","stage","implemented_on") WHERE deleted_at is null;--> statement-breakpoint
-- Versions are taken from one sequence: a value is never handed out twice, so a transaction that bumps
-- and rolls back cannot leave a later commit looking unchanged to a reader that cached the old value.
CREATE SEQUENCE "cache"."data_version_seq";
--> statement-breakpoint
-- Statement-level, in the writing transaction: the row changes when (and only when) the change commits,
-- on every instance's view of the database, whoever wrote it (the bot, a script, psql).
CREATE FUNCTION "cache"."bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "cache"."data_versions" ("name", "version") VALUES (TG_TABLE_NAME, nextval('"cache"."data_version_seq"'))
  ON CONFLICT ("name") DO UPDATE SET "version" = excluded."version";
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Only the columns the recap reads: a 👍 (support_count), a comment count or an edited text do not bump
-- the version nor wait on its row.
CREATE TRIGGER "ideas_data_version" AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF "stage", "agency_id", "deleted_at", "created_at", "implemented_on" ON "ideas"
  FOR EACH STATEMENT EXECUTE FUNCTION "cache"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "idea_awards_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "idea_awards"
  FOR EACH STATEMENT EXECUTE FUNCTION "cache"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "agencies_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agencies"
  FOR EACH STATEMENT EXECUTE FUNCTION "cache"."bump_data_version"();
