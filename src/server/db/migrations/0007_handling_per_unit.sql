DROP INDEX "evaluations_proposal_sequence";--> statement-breakpoint
ALTER TABLE "evaluations" ALTER COLUMN "evaluated_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "round_from" date;--> statement-breakpoint
ALTER TABLE "co_opinions" ADD COLUMN "round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "co_opinions" ADD COLUMN "after_reply" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_facts" ADD COLUMN "merged_into" integer;--> statement-breakpoint
ALTER TABLE "proposal_facts" ADD COLUMN "eval_unit_ids" integer[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_facts" ADD COLUMN "eval_unit_attitudes" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_facts" ADD COLUMN "eval_unit_results" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_rollup" ADD COLUMN "unit_evaluated" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_rollup" ADD COLUMN "unit_attitude_satisfied" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_rollup" ADD COLUMN "unit_attitude_basic" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_rollup" ADD COLUMN "unit_attitude_unsatisfied" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_rollup" ADD COLUMN "unit_result_satisfied" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_rollup" ADD COLUMN "unit_result_basic" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_rollup" ADD COLUMN "unit_result_unsatisfied" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "status" text DEFAULT 'sent' NOT NULL;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "review_comment" text;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "reviewed_by" integer;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_proposal_unit_sequence" ON "evaluations" USING btree ("proposal_id","unit_id","sequence");--> statement-breakpoint
-- Per-unit evaluation, reply review and the merge groups in the figures (issue 11). The facts of a
-- proposal now also carry each evaluated unit's own latest evaluation (the league table counts
-- these) and, on a merged secondary, the primary it went into (the figures count the groups);
-- the lead unit's latest evaluation stays the one the session's 满意率 counts, and only replies
-- that went out (status 'sent', not waiting for 答复审核 or returned) count as replies.
-- An evaluation without a unit (rows from before per-unit evaluation) stands for the lead unit.
DROP VIEW "proposal_facts_live";
--> statement-breakpoint
CREATE VIEW "proposal_facts_live" AS
SELECT p.id AS proposal_id, p.tenant_id, p.session_id, p.status,
  (p.status NOT IN ('draft', 'withdrawn') AND p.submitted_at IS NOT NULL) AS received,
  coalesce(p.review_decision = 'filed', false) AS filed,
  coalesce(p.review_decision = 'not_filed', false) AS not_filed,
  CASE WHEN p.review_decision = 'not_filed' THEN p.conversion END AS conversion,
  (coalesce(p.review_decision = 'filed', false) AND p.merged_into IS NOT NULL) AS merged_secondary,
  p.is_key,
  CASE WHEN p.status IN ('assigned', 'handling', 'rehandling') THEN p.deadline END AS open_deadline,
  l.unit_id AS lead_unit_id, l.assigned_at AS lead_assigned_at,
  coalesce(au.units, '{}'::integer[]) AS assigned_units,
  coalesce(r.n, 0)::integer AS lead_replies,
  coalesce(r.on_time, 0)::integer AS lead_on_time,
  r.latest_class AS result_class,
  r.first_reply_date,
  EXISTS (SELECT 1 FROM contacts c WHERE c.proposal_id = p.id AND c.tenant_id = p.tenant_id AND c.method = 'face') AS face_to_face,
  e.attitude AS eval_attitude, e.result AS eval_result,
  CASE WHEN coalesce(p.review_decision = 'filed', false) THEN p.merged_into END AS merged_into,
  coalesce(ue.unit_ids, '{}'::integer[]) AS eval_unit_ids,
  coalesce(ue.attitudes, '{}'::text[]) AS eval_unit_attitudes,
  coalesce(ue.results, '{}'::text[]) AS eval_unit_results
FROM proposals p
LEFT JOIN LATERAL (
  SELECT a.unit_id, a.assigned_at FROM assignments a
  WHERE a.proposal_id = p.id AND a.tenant_id = p.tenant_id AND a.status <> 'removed' AND a.role IN ('lead', 'separate')
  ORDER BY (a.role = 'lead') DESC, a.position, a.id LIMIT 1
) l ON true
LEFT JOIN LATERAL (
  SELECT array_agg(DISTINCT a.unit_id ORDER BY a.unit_id) AS units FROM assignments a
  WHERE a.proposal_id = p.id AND a.tenant_id = p.tenant_id AND a.status <> 'removed'
) au ON true
LEFT JOIN LATERAL (
  SELECT count(*) AS n, count(*) FILTER (WHERE x.reply_date <= x.due_date) AS on_time,
    (array_agg(x.result_class ORDER BY x.sequence DESC))[1] AS latest_class,
    (array_agg(x.reply_date ORDER BY x.sequence))[1] AS first_reply_date
  FROM replies x WHERE x.proposal_id = p.id AND x.tenant_id = p.tenant_id AND x.unit_id = l.unit_id AND x.status = 'sent'
  HAVING count(*) > 0
) r ON true
LEFT JOIN LATERAL (
  SELECT v.attitude, v.result FROM evaluations v
  WHERE v.proposal_id = p.id AND v.tenant_id = p.tenant_id AND coalesce(v.unit_id, l.unit_id) = l.unit_id
  ORDER BY v.sequence DESC, (v.unit_id IS NULL), v.id DESC LIMIT 1
) e ON true
LEFT JOIN LATERAL (
  SELECT array_agg(z.unit_id ORDER BY z.unit_id) AS unit_ids, array_agg(z.attitude ORDER BY z.unit_id) AS attitudes,
    array_agg(z.result ORDER BY z.unit_id) AS results
  FROM (
    SELECT DISTINCT ON (coalesce(v.unit_id, l.unit_id)) coalesce(v.unit_id, l.unit_id) AS unit_id, v.attitude, v.result
    FROM evaluations v
    WHERE v.proposal_id = p.id AND v.tenant_id = p.tenant_id AND coalesce(v.unit_id, l.unit_id) IS NOT NULL
    ORDER BY coalesce(v.unit_id, l.unit_id), v.sequence DESC, (v.unit_id IS NULL), v.id DESC
  ) z
) ue ON true;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "duban_refresh_facts"(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM proposal_facts f WHERE f.proposal_id = ANY(ids) AND NOT EXISTS (SELECT 1 FROM proposals p WHERE p.id = f.proposal_id);
  INSERT INTO proposal_facts (proposal_id, tenant_id, session_id, status, received, filed, not_filed, conversion, merged_secondary, is_key,
    open_deadline, lead_unit_id, lead_assigned_at, assigned_units, lead_replies, lead_on_time, result_class, first_reply_date, face_to_face,
    eval_attitude, eval_result, merged_into, eval_unit_ids, eval_unit_attitudes, eval_unit_results)
  SELECT v.proposal_id, v.tenant_id, v.session_id, v.status, v.received, v.filed, v.not_filed, v.conversion, v.merged_secondary, v.is_key,
    v.open_deadline, v.lead_unit_id, v.lead_assigned_at, v.assigned_units, v.lead_replies, v.lead_on_time, v.result_class, v.first_reply_date,
    v.face_to_face, v.eval_attitude, v.eval_result, v.merged_into, v.eval_unit_ids, v.eval_unit_attitudes, v.eval_unit_results
  FROM proposal_facts_live v WHERE v.proposal_id = ANY(ids)
  ON CONFLICT (proposal_id) DO UPDATE SET
    tenant_id = excluded.tenant_id, session_id = excluded.session_id, status = excluded.status,
    received = excluded.received, filed = excluded.filed, not_filed = excluded.not_filed,
    conversion = excluded.conversion, merged_secondary = excluded.merged_secondary, is_key = excluded.is_key,
    open_deadline = excluded.open_deadline, lead_unit_id = excluded.lead_unit_id, lead_assigned_at = excluded.lead_assigned_at,
    assigned_units = excluded.assigned_units, lead_replies = excluded.lead_replies, lead_on_time = excluded.lead_on_time,
    result_class = excluded.result_class, first_reply_date = excluded.first_reply_date, face_to_face = excluded.face_to_face,
    eval_attitude = excluded.eval_attitude, eval_result = excluded.eval_result, merged_into = excluded.merged_into,
    eval_unit_ids = excluded.eval_unit_ids, eval_unit_attitudes = excluded.eval_unit_attitudes, eval_unit_results = excluded.eval_unit_results
  WHERE ROW(proposal_facts.*) IS DISTINCT FROM ROW(excluded.*);
END $$;
--> statement-breakpoint
-- What one facts row adds to the rollup (sign 1) or takes from it (sign -1): every count on its
-- lead unit's row (0 without one), `assigned` on the row of each unit it is assigned to, and the
-- unit_* evaluation counts on the row of each unit evaluated.
CREATE OR REPLACE FUNCTION "duban_apply_rollup"(old_rows proposal_facts[], new_rows proposal_facts[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO proposal_rollup AS r (tenant_id, session_id, unit_id, status, proposals, assigned, received, filed, not_filed, letter,
    social_report, merged_secondaries, key_proposals, handled, class_a, class_b, class_c, replies, on_time, face_to_face, evaluated,
    attitude_satisfied, attitude_basic, attitude_unsatisfied, result_satisfied, result_basic, result_unsatisfied,
    unit_evaluated, unit_attitude_satisfied, unit_attitude_basic, unit_attitude_unsatisfied, unit_result_satisfied, unit_result_basic, unit_result_unsatisfied)
  SELECT f.tenant_id, f.session_id, u.unit_id, f.status,
    sum(f.sign * u.own), sum(f.sign * u.asg),
    sum(f.sign * u.own * f.received::int), sum(f.sign * u.own * f.filed::int), sum(f.sign * u.own * f.not_filed::int),
    sum(f.sign * u.own * (f.conversion IS NOT DISTINCT FROM 'letter')::int), sum(f.sign * u.own * (f.conversion IS NOT DISTINCT FROM 'social_report')::int),
    sum(f.sign * u.own * f.merged_secondary::int), sum(f.sign * u.own * f.is_key::int),
    sum(f.sign * u.own * (f.lead_replies > 0)::int),
    sum(f.sign * u.own * (f.result_class IS NOT DISTINCT FROM 'A')::int), sum(f.sign * u.own * (f.result_class IS NOT DISTINCT FROM 'B')::int),
    sum(f.sign * u.own * (f.result_class IS NOT DISTINCT FROM 'C')::int),
    sum(f.sign * u.own * f.lead_replies), sum(f.sign * u.own * f.lead_on_time),
    sum(f.sign * u.own * (f.lead_replies > 0 AND f.face_to_face)::int),
    sum(f.sign * u.own * (f.eval_attitude IS NOT NULL)::int),
    sum(f.sign * u.own * (f.eval_attitude IS NOT DISTINCT FROM 'satisfied')::int), sum(f.sign * u.own * (f.eval_attitude IS NOT DISTINCT FROM 'basic')::int),
    sum(f.sign * u.own * (f.eval_attitude IS NOT DISTINCT FROM 'unsatisfied')::int),
    sum(f.sign * u.own * (f.eval_result IS NOT DISTINCT FROM 'satisfied')::int), sum(f.sign * u.own * (f.eval_result IS NOT DISTINCT FROM 'basic')::int),
    sum(f.sign * u.own * (f.eval_result IS NOT DISTINCT FROM 'unsatisfied')::int),
    sum(f.sign * (u.ua IS NOT NULL)::int),
    sum(f.sign * (u.ua IS NOT DISTINCT FROM 'satisfied')::int), sum(f.sign * (u.ua IS NOT DISTINCT FROM 'basic')::int),
    sum(f.sign * (u.ua IS NOT DISTINCT FROM 'unsatisfied')::int),
    sum(f.sign * (u.ur IS NOT DISTINCT FROM 'satisfied')::int), sum(f.sign * (u.ur IS NOT DISTINCT FROM 'basic')::int),
    sum(f.sign * (u.ur IS NOT DISTINCT FROM 'unsatisfied')::int)
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
  ON CONFLICT (tenant_id, session_id, unit_id, status) DO UPDATE SET
    proposals = r.proposals + excluded.proposals, assigned = r.assigned + excluded.assigned, received = r.received + excluded.received,
    filed = r.filed + excluded.filed, not_filed = r.not_filed + excluded.not_filed, letter = r.letter + excluded.letter,
    social_report = r.social_report + excluded.social_report, merged_secondaries = r.merged_secondaries + excluded.merged_secondaries,
    key_proposals = r.key_proposals + excluded.key_proposals, handled = r.handled + excluded.handled,
    class_a = r.class_a + excluded.class_a, class_b = r.class_b + excluded.class_b, class_c = r.class_c + excluded.class_c,
    replies = r.replies + excluded.replies, on_time = r.on_time + excluded.on_time, face_to_face = r.face_to_face + excluded.face_to_face,
    evaluated = r.evaluated + excluded.evaluated,
    attitude_satisfied = r.attitude_satisfied + excluded.attitude_satisfied, attitude_basic = r.attitude_basic + excluded.attitude_basic,
    attitude_unsatisfied = r.attitude_unsatisfied + excluded.attitude_unsatisfied,
    result_satisfied = r.result_satisfied + excluded.result_satisfied, result_basic = r.result_basic + excluded.result_basic,
    result_unsatisfied = r.result_unsatisfied + excluded.result_unsatisfied,
    unit_evaluated = r.unit_evaluated + excluded.unit_evaluated,
    unit_attitude_satisfied = r.unit_attitude_satisfied + excluded.unit_attitude_satisfied,
    unit_attitude_basic = r.unit_attitude_basic + excluded.unit_attitude_basic,
    unit_attitude_unsatisfied = r.unit_attitude_unsatisfied + excluded.unit_attitude_unsatisfied,
    unit_result_satisfied = r.unit_result_satisfied + excluded.unit_result_satisfied,
    unit_result_basic = r.unit_result_basic + excluded.unit_result_basic,
    unit_result_unsatisfied = r.unit_result_unsatisfied + excluded.unit_result_unsatisfied;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "duban_rebuild_rollups"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE proposal_facts, proposal_rollup;
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
  INSERT INTO proposal_rollup AS r (tenant_id, session_id, unit_id, status, proposals, assigned, received, filed, not_filed, letter,
    social_report, merged_secondaries, key_proposals, handled, class_a, class_b, class_c, replies, on_time, face_to_face, evaluated,
    attitude_satisfied, attitude_basic, attitude_unsatisfied, result_satisfied, result_basic, result_unsatisfied,
    unit_evaluated, unit_attitude_satisfied, unit_attitude_basic, unit_attitude_unsatisfied, unit_result_satisfied, unit_result_basic, unit_result_unsatisfied)
  SELECT f.tenant_id, f.session_id, u.unit_id, f.status,
    sum(u.own), sum(u.asg), sum(u.own * f.received::int), sum(u.own * f.filed::int), sum(u.own * f.not_filed::int),
    sum(u.own * (f.conversion IS NOT DISTINCT FROM 'letter')::int), sum(u.own * (f.conversion IS NOT DISTINCT FROM 'social_report')::int),
    sum(u.own * f.merged_secondary::int), sum(u.own * f.is_key::int), sum(u.own * (f.lead_replies > 0)::int),
    sum(u.own * (f.result_class IS NOT DISTINCT FROM 'A')::int), sum(u.own * (f.result_class IS NOT DISTINCT FROM 'B')::int),
    sum(u.own * (f.result_class IS NOT DISTINCT FROM 'C')::int), sum(u.own * f.lead_replies), sum(u.own * f.lead_on_time),
    sum(u.own * (f.lead_replies > 0 AND f.face_to_face)::int), sum(u.own * (f.eval_attitude IS NOT NULL)::int),
    sum(u.own * (f.eval_attitude IS NOT DISTINCT FROM 'satisfied')::int), sum(u.own * (f.eval_attitude IS NOT DISTINCT FROM 'basic')::int),
    sum(u.own * (f.eval_attitude IS NOT DISTINCT FROM 'unsatisfied')::int),
    sum(u.own * (f.eval_result IS NOT DISTINCT FROM 'satisfied')::int), sum(u.own * (f.eval_result IS NOT DISTINCT FROM 'basic')::int),
    sum(u.own * (f.eval_result IS NOT DISTINCT FROM 'unsatisfied')::int),
    sum((u.ua IS NOT NULL)::int),
    sum((u.ua IS NOT DISTINCT FROM 'satisfied')::int), sum((u.ua IS NOT DISTINCT FROM 'basic')::int), sum((u.ua IS NOT DISTINCT FROM 'unsatisfied')::int),
    sum((u.ur IS NOT DISTINCT FROM 'satisfied')::int), sum((u.ur IS NOT DISTINCT FROM 'basic')::int), sum((u.ur IS NOT DISTINCT FROM 'unsatisfied')::int)
  FROM proposal_facts f
  CROSS JOIN LATERAL (
    SELECT coalesce(f.lead_unit_id, 0) AS unit_id, 1 AS own, 0 AS asg, NULL::text AS ua, NULL::text AS ur
    UNION ALL SELECT x, 0, 1, NULL, NULL FROM unnest(f.assigned_units) x
    UNION ALL SELECT eu, 0, 0, ea, er FROM unnest(f.eval_unit_ids, f.eval_unit_attitudes, f.eval_unit_results) AS t(eu, ea, er)
  ) u
  GROUP BY f.tenant_id, f.session_id, u.unit_id, f.status;
END $$;
--> statement-breakpoint
-- Evaluations from before per-unit evaluation rated the handling as a whole: they belong to the
-- lead unit (主办, else the first 分办 unit). The rollups are rebuilt once afterwards.
ALTER TABLE "evaluations" DISABLE TRIGGER "evaluations_facts_upd";
--> statement-breakpoint
UPDATE "evaluations" v SET "unit_id" = l.unit_id FROM (
  SELECT DISTINCT ON (a.proposal_id) a.proposal_id, a.unit_id FROM assignments a
  WHERE a.status <> 'removed' AND a.role IN ('lead', 'separate')
  ORDER BY a.proposal_id, (a.role = 'lead') DESC, a.position, a.id
) l WHERE v.unit_id IS NULL AND l.proposal_id = v.proposal_id;
--> statement-breakpoint
ALTER TABLE "evaluations" ENABLE TRIGGER "evaluations_facts_upd";
--> statement-breakpoint
SELECT duban_rebuild_rollups();
