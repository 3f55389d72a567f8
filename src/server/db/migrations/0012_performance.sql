-- Issue 13: the lists people open most, served by indexes instead of reading every row of the tenant.
-- Lists never show drafts to anyone but their author (visibleProposals: status <> 'draft' for staff and
-- the office), so the indexes are partial: smaller, and a draft's edits do not touch them.
--
-- The default order (latest change first), as ORDER BY writes it: updated_at DESC NULLS LAST, id DESC.
-- `kind` is included so that the capped count of a staff list (confined to its organ's kind) is an
-- index-only scan.
CREATE INDEX IF NOT EXISTS "proposals_listed_updated" ON "proposals" USING btree ("tenant_id", "updated_at" DESC NULLS LAST, "id" DESC) INCLUDE ("kind") WHERE "status" <> 'draft';--> statement-breakpoint
-- Each column the list can be sorted by (list-proposals.ts orderBy): a NOT NULL column (title) in one
-- index read both ways; a nullable one (number, deadline, submitted_at) keeps NULLS LAST both ways,
-- hence one index per direction.
CREATE INDEX IF NOT EXISTS "proposals_listed_title" ON "proposals" USING btree ("tenant_id", "title", "id") WHERE "status" <> 'draft';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "proposals_listed_number" ON "proposals" USING btree ("tenant_id", "number", "id") WHERE "status" <> 'draft';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "proposals_listed_number_desc" ON "proposals" USING btree ("tenant_id", "number" DESC NULLS LAST, "id" DESC) WHERE "status" <> 'draft';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "proposals_listed_deadline" ON "proposals" USING btree ("tenant_id", "deadline", "id") WHERE "status" <> 'draft';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "proposals_listed_deadline_desc" ON "proposals" USING btree ("tenant_id", "deadline" DESC NULLS LAST, "id" DESC) WHERE "status" <> 'draft';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "proposals_listed_submitted" ON "proposals" USING btree ("tenant_id", "submitted_at", "id") WHERE "status" <> 'draft';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "proposals_listed_submitted_desc" ON "proposals" USING btree ("tenant_id", "submitted_at" DESC NULLS LAST, "id" DESC) WHERE "status" <> 'draft';--> statement-breakpoint
-- A unit's inbox (every tab) and a unit's visibility: the proposals of its live assignments, read
-- from the index alone.
CREATE INDEX IF NOT EXISTS "assignments_unit_live" ON "assignments" USING btree ("unit_id", "proposal_id") INCLUDE ("status", "tenant_id") WHERE "status" <> 'removed';--> statement-breakpoint
-- The session lookup of every request reads the user's leader record by user_id (members has its index).
CREATE INDEX IF NOT EXISTS "leaders_user" ON "leaders" USING btree ("user_id");
