-- A unit's inbox (issue 13): the planner multiplied the chance of unit_id = u by that of
-- tenant_id = t as if they were independent, although a unit belongs to one tenant. For the busiest
-- unit of a province (10,104 live assignments) it expected 686 and joined every one of them to its
-- proposal (65 ms for page 1 of 已办结, 1M proposals); told that unit_id decides tenant_id it reads
-- the tab's proposals in order and stops at the page (3.5 ms). The larger sample keeps the busiest
-- units among the most common values.
CREATE STATISTICS IF NOT EXISTS "assignments_tenant_unit" (dependencies) ON "tenant_id", "unit_id" FROM "assignments";
--> statement-breakpoint
ALTER TABLE "assignments" ALTER COLUMN "unit_id" SET STATISTICS 1000;
--> statement-breakpoint
ANALYZE "assignments";
