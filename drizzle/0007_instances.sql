ALTER TABLE "telegram_updates" ADD COLUMN "chat_key" text;--> statement-breakpoint
ALTER TABLE "telegram_updates" ADD COLUMN "owner" integer;--> statement-breakpoint
CREATE INDEX "telegram_updates_chat_unhandled_idx" ON "telegram_updates" USING btree ("chat_key","update_id") WHERE handled_at is null;