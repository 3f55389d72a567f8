-- Write throughput (issue 13): the figures triggers no longer upsert proposal_rollup.
-- Before, every statement on proposals, assignments, replies, evaluations or contacts ended in an
-- INSERT … ON CONFLICT DO UPDATE of one proposal_rollup row per session × unit × status, and those
-- rows stayed locked until commit: every write of a session queued behind the others on the same
-- few rows (unit 0 × 'submitted', the busy unit × 'handling' …) and concurrent writers deadlocked.
-- Now the trigger only INSERTs what changed into proposal_rollup_delta (append-only: no unique key,
-- no row another writer waits for). The figures read proposal_rollup_current, the base rows and the
-- deltas together, in one statement and so one snapshot: exact at every moment. A fold job
-- (duban_fold_rollups, every minute) moves the deltas into the base rows in one transaction.
CREATE TABLE "proposal_rollup_delta" (LIKE "proposal_rollup" INCLUDING DEFAULTS);
--> statement-breakpoint
CREATE INDEX "proposal_rollup_delta_session" ON "proposal_rollup_delta" USING btree ("tenant_id","session_id");
--> statement-breakpoint
-- The figures as they are now: the folded counts and the deltas not folded yet. Readers sum them
-- per the key they need; a key may appear several times.
CREATE VIEW "proposal_rollup_current" AS
SELECT tenant_id, session_id, unit_id, status, proposals, assigned, received, filed, not_filed, letter, social_report, merged_secondaries, key_proposals, handled, class_a, class_b, class_c, replies, on_time, face_to_face, evaluated, attitude_satisfied, attitude_basic, attitude_unsatisfied, result_satisfied, result_basic, result_unsatisfied, unit_evaluated, unit_attitude_satisfied, unit_attitude_basic, unit_attitude_unsatisfied, unit_result_satisfied, unit_result_basic, unit_result_unsatisfied FROM proposal_rollup
UNION ALL
SELECT tenant_id, session_id, unit_id, status, proposals, assigned, received, filed, not_filed, letter, social_report, merged_secondaries, key_proposals, handled, class_a, class_b, class_c, replies, on_time, face_to_face, evaluated, attitude_satisfied, attitude_basic, attitude_unsatisfied, result_satisfied, result_basic, result_unsatisfied, unit_evaluated, unit_attitude_satisfied, unit_attitude_basic, unit_attitude_unsatisfied, unit_result_satisfied, unit_result_basic, unit_result_unsatisfied FROM proposal_rollup_delta;
--> statement-breakpoint
-- What facts rows take from the figures (old rows, sign -1) and add to them (new rows, sign 1), as
-- in migration 0007, appended as delta rows; keys whose changes cancel out write nothing.
CREATE OR REPLACE FUNCTION "duban_apply_rollup"(old_rows proposal_facts[], new_rows proposal_facts[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO proposal_rollup_delta (
    tenant_id, session_id, unit_id, status, proposals, assigned, received, filed, not_filed, letter, social_report,
    merged_secondaries, key_proposals, handled, class_a, class_b, class_c, replies, on_time, face_to_face, evaluated,
    attitude_satisfied, attitude_basic, attitude_unsatisfied, result_satisfied, result_basic, result_unsatisfied,
    unit_evaluated, unit_attitude_satisfied, unit_attitude_basic, unit_attitude_unsatisfied, unit_result_satisfied,
    unit_result_basic, unit_result_unsatisfied)
  SELECT d.* FROM (
    SELECT f.tenant_id, f.session_id, u.unit_id, f.status,
      sum(f.sign * u.own)::int AS proposals,
      sum(f.sign * u.asg)::int AS assigned,
      sum(f.sign * u.own * f.received::int)::int AS received,
      sum(f.sign * u.own * f.filed::int)::int AS filed,
      sum(f.sign * u.own * f.not_filed::int)::int AS not_filed,
      sum(f.sign * u.own * (f.conversion IS NOT DISTINCT FROM 'letter')::int)::int AS letter,
      sum(f.sign * u.own * (f.conversion IS NOT DISTINCT FROM 'social_report')::int)::int AS social_report,
      sum(f.sign * u.own * f.merged_secondary::int)::int AS merged_secondaries,
      sum(f.sign * u.own * f.is_key::int)::int AS key_proposals,
      sum(f.sign * u.own * (f.lead_replies > 0)::int)::int AS handled,
      sum(f.sign * u.own * (f.result_class IS NOT DISTINCT FROM 'A')::int)::int AS class_a,
      sum(f.sign * u.own * (f.result_class IS NOT DISTINCT FROM 'B')::int)::int AS class_b,
      sum(f.sign * u.own * (f.result_class IS NOT DISTINCT FROM 'C')::int)::int AS class_c,
      sum(f.sign * u.own * f.lead_replies)::int AS replies,
      sum(f.sign * u.own * f.lead_on_time)::int AS on_time,
      sum(f.sign * u.own * (f.lead_replies > 0 AND f.face_to_face)::int)::int AS face_to_face,
      sum(f.sign * u.own * (f.eval_attitude IS NOT NULL)::int)::int AS evaluated,
      sum(f.sign * u.own * (f.eval_attitude IS NOT DISTINCT FROM 'satisfied')::int)::int AS attitude_satisfied,
      sum(f.sign * u.own * (f.eval_attitude IS NOT DISTINCT FROM 'basic')::int)::int AS attitude_basic,
      sum(f.sign * u.own * (f.eval_attitude IS NOT DISTINCT FROM 'unsatisfied')::int)::int AS attitude_unsatisfied,
      sum(f.sign * u.own * (f.eval_result IS NOT DISTINCT FROM 'satisfied')::int)::int AS result_satisfied,
      sum(f.sign * u.own * (f.eval_result IS NOT DISTINCT FROM 'basic')::int)::int AS result_basic,
      sum(f.sign * u.own * (f.eval_result IS NOT DISTINCT FROM 'unsatisfied')::int)::int AS result_unsatisfied,
      sum(f.sign * (u.ua IS NOT NULL)::int)::int AS unit_evaluated,
      sum(f.sign * (u.ua IS NOT DISTINCT FROM 'satisfied')::int)::int AS unit_attitude_satisfied,
      sum(f.sign * (u.ua IS NOT DISTINCT FROM 'basic')::int)::int AS unit_attitude_basic,
      sum(f.sign * (u.ua IS NOT DISTINCT FROM 'unsatisfied')::int)::int AS unit_attitude_unsatisfied,
      sum(f.sign * (u.ur IS NOT DISTINCT FROM 'satisfied')::int)::int AS unit_result_satisfied,
      sum(f.sign * (u.ur IS NOT DISTINCT FROM 'basic')::int)::int AS unit_result_basic,
      sum(f.sign * (u.ur IS NOT DISTINCT FROM 'unsatisfied')::int)::int AS unit_result_unsatisfied
    FROM (
      SELECT -1 AS sign, o.* FROM unnest(old_rows) o
      UNION ALL SELECT 1 AS sign, n.* FROM unnest(new_rows) n
    ) f
  CROSS JOIN LATERAL (
    SELECT coalesce(f.lead_unit_id, 0) AS unit_id, 1 AS own, 0 AS asg, NULL::text AS ua, NULL::text AS ur
    UNION ALL SELECT x, 0, 1, NULL, NULL FROM unnest(f.assigned_units) x
    UNION ALL SELECT eu, 0, 0, ea, er FROM unnest(f.eval_unit_ids, f.eval_unit_attitudes, f.eval_unit_results) AS t(eu, ea, er)
  ) u
    GROUP BY f.tenant_id, f.session_id, u.unit_id, f.status
  ) d
  WHERE (d.proposals, d.assigned, d.received, d.filed, d.not_filed, d.letter, d.social_report, d.merged_secondaries, d.key_proposals, d.handled, d.class_a, d.class_b, d.class_c, d.replies, d.on_time, d.face_to_face, d.evaluated, d.attitude_satisfied, d.attitude_basic, d.attitude_unsatisfied, d.result_satisfied, d.result_basic, d.result_unsatisfied, d.unit_evaluated, d.unit_attitude_satisfied, d.unit_attitude_basic, d.unit_attitude_unsatisfied, d.unit_result_satisfied, d.unit_result_basic, d.unit_result_unsatisfied) IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
END $$;
--> statement-breakpoint
-- Moves every committed delta into the base rows, in one transaction: DELETE … RETURNING and the
-- upsert of their sums commit together, so a reader sees a delta either as itself or inside the base
-- row, never both nor neither. Deltas of transactions still open are not visible here and wait for the
-- next fold. One fold at a time (two would upsert the same base rows in different orders); a second
-- caller returns -1 at once. Returns the delta rows folded.
CREATE OR REPLACE FUNCTION "duban_fold_rollups"() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('duban.fold_rollups')) THEN
    RETURN -1;
  END IF;
  WITH moved AS (DELETE FROM proposal_rollup_delta RETURNING *),
  folded AS (
    INSERT INTO proposal_rollup AS r (
    tenant_id, session_id, unit_id, status, proposals, assigned, received, filed, not_filed, letter, social_report,
    merged_secondaries, key_proposals, handled, class_a, class_b, class_c, replies, on_time, face_to_face, evaluated,
    attitude_satisfied, attitude_basic, attitude_unsatisfied, result_satisfied, result_basic, result_unsatisfied,
    unit_evaluated, unit_attitude_satisfied, unit_attitude_basic, unit_attitude_unsatisfied, unit_result_satisfied,
    unit_result_basic, unit_result_unsatisfied)
    SELECT tenant_id, session_id, unit_id, status,
      sum(proposals), sum(assigned), sum(received), sum(filed), sum(not_filed), sum(letter), sum(social_report),
      sum(merged_secondaries), sum(key_proposals), sum(handled), sum(class_a), sum(class_b), sum(class_c),
      sum(replies), sum(on_time), sum(face_to_face), sum(evaluated), sum(attitude_satisfied), sum(attitude_basic),
      sum(attitude_unsatisfied), sum(result_satisfied), sum(result_basic), sum(result_unsatisfied),
      sum(unit_evaluated), sum(unit_attitude_satisfied), sum(unit_attitude_basic), sum(unit_attitude_unsatisfied),
      sum(unit_result_satisfied), sum(unit_result_basic), sum(unit_result_unsatisfied)
    FROM moved
    GROUP BY tenant_id, session_id, unit_id, status
    ON CONFLICT (tenant_id, session_id, unit_id, status) DO UPDATE SET
      proposals = r.proposals + excluded.proposals, assigned = r.assigned + excluded.assigned,
      received = r.received + excluded.received, filed = r.filed + excluded.filed,
      not_filed = r.not_filed + excluded.not_filed, letter = r.letter + excluded.letter,
      social_report = r.social_report + excluded.social_report,
      merged_secondaries = r.merged_secondaries + excluded.merged_secondaries,
      key_proposals = r.key_proposals + excluded.key_proposals, handled = r.handled + excluded.handled,
      class_a = r.class_a + excluded.class_a, class_b = r.class_b + excluded.class_b,
      class_c = r.class_c + excluded.class_c, replies = r.replies + excluded.replies,
      on_time = r.on_time + excluded.on_time, face_to_face = r.face_to_face + excluded.face_to_face,
      evaluated = r.evaluated + excluded.evaluated,
      attitude_satisfied = r.attitude_satisfied + excluded.attitude_satisfied,
      attitude_basic = r.attitude_basic + excluded.attitude_basic,
      attitude_unsatisfied = r.attitude_unsatisfied + excluded.attitude_unsatisfied,
      result_satisfied = r.result_satisfied + excluded.result_satisfied,
      result_basic = r.result_basic + excluded.result_basic,
      result_unsatisfied = r.result_unsatisfied + excluded.result_unsatisfied,
      unit_evaluated = r.unit_evaluated + excluded.unit_evaluated,
      unit_attitude_satisfied = r.unit_attitude_satisfied + excluded.unit_attitude_satisfied,
      unit_attitude_basic = r.unit_attitude_basic + excluded.unit_attitude_basic,
      unit_attitude_unsatisfied = r.unit_attitude_unsatisfied + excluded.unit_attitude_unsatisfied,
      unit_result_satisfied = r.unit_result_satisfied + excluded.unit_result_satisfied,
      unit_result_basic = r.unit_result_basic + excluded.unit_result_basic,
      unit_result_unsatisfied = r.unit_result_unsatisfied + excluded.unit_result_unsatisfied
    RETURNING 1
  )
  SELECT count(*)::int INTO n FROM moved;
  RETURN n;
END $$;
--> statement-breakpoint
-- Rebuilds the facts and the base rows from scratch, as in migration 0007, and drops the deltas.
CREATE OR REPLACE FUNCTION "duban_rebuild_rollups"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE proposal_facts, proposal_rollup, proposal_rollup_delta;
  ALTER TABLE proposal_facts DISABLE TRIGGER proposal_facts_ins;
  INSERT INTO proposal_facts (proposal_id, tenant_id, session_id, status, received, filed, not_filed, conversion, merged_secondary, is_key,
    open_deadline, lead_unit_id, lead_assigned_at, assigned_units, lead_replies, lead_on_time, result_class, first_reply_date, face_to_face,
    eval_attitude, eval_result, merged_into, eval_unit_ids, eval_unit_attitudes, eval_unit_results)
  SELECT v.proposal_id, v.tenant_id, v.session_id, v.status, v.received, v.filed, v.not_filed, v.conversion, v.merged_secondary, v.is_key,
    v.open_deadline, v.lead_unit_id, v.lead_assigned_at, v.assigned_units, v.lead_replies, v.lead_on_time, v.result_class, v.first_reply_date,
    v.face_to_face, v.eval_attitude, v.eval_result, v.merged_into, v.eval_unit_ids, v.eval_unit_attitudes, v.eval_unit_results
  FROM proposal_facts_live v;
  ALTER TABLE proposal_facts ENABLE TRIGGER proposal_facts_ins;
  -- One pass over the facts instead of one huge transition table.
  INSERT INTO proposal_rollup (
    tenant_id, session_id, unit_id, status, proposals, assigned, received, filed, not_filed, letter, social_report,
    merged_secondaries, key_proposals, handled, class_a, class_b, class_c, replies, on_time, face_to_face, evaluated,
    attitude_satisfied, attitude_basic, attitude_unsatisfied, result_satisfied, result_basic, result_unsatisfied,
    unit_evaluated, unit_attitude_satisfied, unit_attitude_basic, unit_attitude_unsatisfied, unit_result_satisfied,
    unit_result_basic, unit_result_unsatisfied)
  SELECT f.tenant_id, f.session_id, u.unit_id, f.status,
      sum(u.own)::int AS proposals,
      sum(u.asg)::int AS assigned,
      sum(u.own * f.received::int)::int AS received,
      sum(u.own * f.filed::int)::int AS filed,
      sum(u.own * f.not_filed::int)::int AS not_filed,
      sum(u.own * (f.conversion IS NOT DISTINCT FROM 'letter')::int)::int AS letter,
      sum(u.own * (f.conversion IS NOT DISTINCT FROM 'social_report')::int)::int AS social_report,
      sum(u.own * f.merged_secondary::int)::int AS merged_secondaries,
      sum(u.own * f.is_key::int)::int AS key_proposals,
      sum(u.own * (f.lead_replies > 0)::int)::int AS handled,
      sum(u.own * (f.result_class IS NOT DISTINCT FROM 'A')::int)::int AS class_a,
      sum(u.own * (f.result_class IS NOT DISTINCT FROM 'B')::int)::int AS class_b,
      sum(u.own * (f.result_class IS NOT DISTINCT FROM 'C')::int)::int AS class_c,
      sum(u.own * f.lead_replies)::int AS replies,
      sum(u.own * f.lead_on_time)::int AS on_time,
      sum(u.own * (f.lead_replies > 0 AND f.face_to_face)::int)::int AS face_to_face,
      sum(u.own * (f.eval_attitude IS NOT NULL)::int)::int AS evaluated,
      sum(u.own * (f.eval_attitude IS NOT DISTINCT FROM 'satisfied')::int)::int AS attitude_satisfied,
      sum(u.own * (f.eval_attitude IS NOT DISTINCT FROM 'basic')::int)::int AS attitude_basic,
      sum(u.own * (f.eval_attitude IS NOT DISTINCT FROM 'unsatisfied')::int)::int AS attitude_unsatisfied,
      sum(u.own * (f.eval_result IS NOT DISTINCT FROM 'satisfied')::int)::int AS result_satisfied,
      sum(u.own * (f.eval_result IS NOT DISTINCT FROM 'basic')::int)::int AS result_basic,
      sum(u.own * (f.eval_result IS NOT DISTINCT FROM 'unsatisfied')::int)::int AS result_unsatisfied,
      sum((u.ua IS NOT NULL)::int)::int AS unit_evaluated,
      sum((u.ua IS NOT DISTINCT FROM 'satisfied')::int)::int AS unit_attitude_satisfied,
      sum((u.ua IS NOT DISTINCT FROM 'basic')::int)::int AS unit_attitude_basic,
      sum((u.ua IS NOT DISTINCT FROM 'unsatisfied')::int)::int AS unit_attitude_unsatisfied,
      sum((u.ur IS NOT DISTINCT FROM 'satisfied')::int)::int AS unit_result_satisfied,
      sum((u.ur IS NOT DISTINCT FROM 'basic')::int)::int AS unit_result_basic,
      sum((u.ur IS NOT DISTINCT FROM 'unsatisfied')::int)::int AS unit_result_unsatisfied
  FROM proposal_facts f
  CROSS JOIN LATERAL (
    SELECT coalesce(f.lead_unit_id, 0) AS unit_id, 1 AS own, 0 AS asg, NULL::text AS ua, NULL::text AS ur
    UNION ALL SELECT x, 0, 1, NULL, NULL FROM unnest(f.assigned_units) x
    UNION ALL SELECT eu, 0, 0, ea, er FROM unnest(f.eval_unit_ids, f.eval_unit_attitudes, f.eval_unit_results) AS t(eu, ea, er)
  ) u
  GROUP BY f.tenant_id, f.session_id, u.unit_id, f.status;
END $$;
--> statement-breakpoint
-- The figures triggers run a few large statements whose parameters are the ids and facts rows of
-- the statement that fired them. PL/pgSQL planned them again on every call (a custom plan each
-- time: ~10 ms apiece, 13–20 ms of a one-row status change on a busy 2-core machine, against 0.5–1 ms
-- with the plan kept); their plan does not depend on the values (the ids go through primary keys,
-- the facts rows are a handful), so each connection plans them once. A function replacing one of
-- these later must keep this setting.
ALTER FUNCTION "duban_touch_ins"() SET plan_cache_mode = force_generic_plan;
--> statement-breakpoint
ALTER FUNCTION "duban_touch_upd"() SET plan_cache_mode = force_generic_plan;
--> statement-breakpoint
ALTER FUNCTION "duban_touch_del"() SET plan_cache_mode = force_generic_plan;
--> statement-breakpoint
ALTER FUNCTION "duban_refresh_facts"(integer[]) SET plan_cache_mode = force_generic_plan;
--> statement-breakpoint
ALTER FUNCTION "duban_facts_ins"() SET plan_cache_mode = force_generic_plan;
--> statement-breakpoint
ALTER FUNCTION "duban_facts_upd"() SET plan_cache_mode = force_generic_plan;
--> statement-breakpoint
ALTER FUNCTION "duban_facts_del"() SET plan_cache_mode = force_generic_plan;
--> statement-breakpoint
ALTER FUNCTION "duban_apply_rollup"(proposal_facts[], proposal_facts[]) SET plan_cache_mode = force_generic_plan;
--> statement-breakpoint
-- Whatever the old trigger left is already in the base rows; nothing to move.
SELECT duban_fold_rollups();
