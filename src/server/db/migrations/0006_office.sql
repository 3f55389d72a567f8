DROP INDEX "evaluations_proposal_sequence";--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_proposal_unit_sequence" ON "evaluations" USING btree ("proposal_id","unit_id","sequence");--> statement-breakpoint
CREATE INDEX "evaluations_proposal" ON "evaluations" USING btree ("proposal_id");