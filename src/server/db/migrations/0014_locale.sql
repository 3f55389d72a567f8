-- Issue 16: notifications in the reader's language. Each notice keeps its English text beside the
-- Chinese one (null where none was written): the in-app list shows the reader's current language,
-- the outbox delivers in the recipient's (users.locale).
ALTER TABLE "notifications" ADD COLUMN "message_en" text;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "message_en" text;
