-- Evaluations of a proposal are read per proposal (the unique index per proposal, unit and round comes from 0007).
CREATE INDEX IF NOT EXISTS "evaluations_proposal" ON "evaluations" USING btree ("proposal_id");
