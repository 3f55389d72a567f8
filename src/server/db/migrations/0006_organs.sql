-- Staff accounts made after 0005 without an organ (the demo's first start set none) work for the
-- CPPCC committee until the security administrator moves them; the check below needs every one set.
UPDATE "users" SET "organ" = 'cppcc' WHERE 'staff' = ANY("roles") AND "organ" IS NULL;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_staff_organ" CHECK (("users"."organ" is null or "users"."organ" in ('cppcc', 'npc')) and (not ('staff' = any("users"."roles")) or "users"."organ" is not null));
