CREATE TABLE "proposal_facts" (
	"proposal_id" integer PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"status" text NOT NULL,
	"received" boolean NOT NULL,
	"filed" boolean NOT NULL,
	"not_filed" boolean NOT NULL,
	"conversion" text,
	"merged_secondary" boolean NOT NULL,
	"is_key" boolean NOT NULL,
	"open_deadline" date,
	"lead_unit_id" integer,
	"lead_assigned_at" date,
	"assigned_units" integer[] NOT NULL,
	"lead_replies" integer NOT NULL,
	"lead_on_time" integer NOT NULL,
	"result_class" text,
	"first_reply_date" date,
	"face_to_face" boolean NOT NULL,
	"eval_attitude" text,
	"eval_result" text
);
--> statement-breakpoint
CREATE TABLE "proposal_rollup" (
	"tenant_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"status" text NOT NULL,
	"proposals" integer DEFAULT 0 NOT NULL,
	"assigned" integer DEFAULT 0 NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"filed" integer DEFAULT 0 NOT NULL,
	"not_filed" integer DEFAULT 0 NOT NULL,
	"letter" integer DEFAULT 0 NOT NULL,
	"social_report" integer DEFAULT 0 NOT NULL,
	"merged_secondaries" integer DEFAULT 0 NOT NULL,
	"key_proposals" integer DEFAULT 0 NOT NULL,
	"handled" integer DEFAULT 0 NOT NULL,
	"class_a" integer DEFAULT 0 NOT NULL,
	"class_b" integer DEFAULT 0 NOT NULL,
	"class_c" integer DEFAULT 0 NOT NULL,
	"replies" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"face_to_face" integer DEFAULT 0 NOT NULL,
	"evaluated" integer DEFAULT 0 NOT NULL,
	"attitude_satisfied" integer DEFAULT 0 NOT NULL,
	"attitude_basic" integer DEFAULT 0 NOT NULL,
	"attitude_unsatisfied" integer DEFAULT 0 NOT NULL,
	"result_satisfied" integer DEFAULT 0 NOT NULL,
	"result_basic" integer DEFAULT 0 NOT NULL,
	"result_unsatisfied" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "proposal_facts_session" ON "proposal_facts" USING btree ("tenant_id","session_id");--> statement-breakpoint
CREATE INDEX "proposal_facts_open_deadline" ON "proposal_facts" USING btree ("tenant_id","session_id","open_deadline") WHERE open_deadline is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_rollup_pk" ON "proposal_rollup" USING btree ("tenant_id","session_id","unit_id","status");--> statement-breakpoint
CREATE INDEX "proposals_tenant_status_updated" ON "proposals" USING btree ("tenant_id","status","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
-- The facts of every proposal, computed from its base rows exactly as compute-figures.ts counts
-- them: the lead unit is the live 主办 assignment, else the first live 分办 one (leadUnitsOf);
-- its replies give the handled flag, the latest class and the replies on time (leadRepliesOf);
-- the latest evaluation counts (latestEvaluationsOf); any 面商 contact makes it face to face.
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
  e.attitude AS eval_attitude, e.result AS eval_result
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
  FROM replies x WHERE x.proposal_id = p.id AND x.tenant_id = p.tenant_id AND x.unit_id = l.unit_id
  HAVING count(*) > 0
) r ON true
LEFT JOIN LATERAL (
  SELECT v.attitude, v.result FROM evaluations v WHERE v.proposal_id = p.id AND v.tenant_id = p.tenant_id ORDER BY v.sequence DESC LIMIT 1
) e ON true;
--> statement-breakpoint
-- Recomputes the facts of these proposals; a row that did not change is not rewritten, so the
-- rollup trigger below sees only real changes.
CREATE FUNCTION "duban_refresh_facts"(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM proposal_facts f WHERE f.proposal_id = ANY(ids) AND NOT EXISTS (SELECT 1 FROM proposals p WHERE p.id = f.proposal_id);
  INSERT INTO proposal_facts SELECT * FROM proposal_facts_live v WHERE v.proposal_id = ANY(ids)
  ON CONFLICT (proposal_id) DO UPDATE SET
    tenant_id = excluded.tenant_id, session_id = excluded.session_id, status = excluded.status,
    received = excluded.received, filed = excluded.filed, not_filed = excluded.not_filed,
    conversion = excluded.conversion, merged_secondary = excluded.merged_secondary, is_key = excluded.is_key,
    open_deadline = excluded.open_deadline, lead_unit_id = excluded.lead_unit_id, lead_assigned_at = excluded.lead_assigned_at,
    assigned_units = excluded.assigned_units, lead_replies = excluded.lead_replies, lead_on_time = excluded.lead_on_time,
    result_class = excluded.result_class, first_reply_date = excluded.first_reply_date, face_to_face = excluded.face_to_face,
    eval_attitude = excluded.eval_attitude, eval_result = excluded.eval_result
  WHERE ROW(proposal_facts.*) IS DISTINCT FROM ROW(excluded.*);
END $$;
--> statement-breakpoint
-- What one facts row adds to the rollup (sign 1) or takes from it (sign -1): every count on its
-- lead unit's row (0 without one), and `assigned` on the row of each unit it is assigned to.
CREATE FUNCTION "duban_apply_rollup"(old_rows proposal_facts[], new_rows proposal_facts[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO proposal_rollup AS r (tenant_id, session_id, unit_id, status, proposals, assigned, received, filed, not_filed, letter,
    social_report, merged_secondaries, key_proposals, handled, class_a, class_b, class_c, replies, on_time, face_to_face, evaluated,
    attitude_satisfied, attitude_basic, attitude_unsatisfied, result_satisfied, result_basic, result_unsatisfied)
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
    sum(f.sign * u.own * (f.eval_result IS NOT DISTINCT FROM 'unsatisfied')::int)
  FROM (
    SELECT -1 AS sign, o.* FROM unnest(old_rows) o
    UNION ALL SELECT 1 AS sign, n.* FROM unnest(new_rows) n
  ) f
  CROSS JOIN LATERAL (
    SELECT coalesce(f.lead_unit_id, 0) AS unit_id, 1 AS own, 0 AS asg
    UNION ALL SELECT x, 0, 1 FROM unnest(f.assigned_units) x
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
    result_unsatisfied = r.result_unsatisfied + excluded.result_unsatisfied;
END $$;
--> statement-breakpoint
CREATE FUNCTION "duban_facts_ins"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM duban_apply_rollup('{}'::proposal_facts[], (SELECT coalesce(array_agg(n::proposal_facts), '{}') FROM new_rows n)); RETURN NULL; END $$;
--> statement-breakpoint
CREATE FUNCTION "duban_facts_upd"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM duban_apply_rollup((SELECT coalesce(array_agg(o::proposal_facts), '{}') FROM old_rows o), (SELECT coalesce(array_agg(n::proposal_facts), '{}') FROM new_rows n)); RETURN NULL; END $$;
--> statement-breakpoint
CREATE FUNCTION "duban_facts_del"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM duban_apply_rollup((SELECT coalesce(array_agg(o::proposal_facts), '{}') FROM old_rows o), '{}'::proposal_facts[]); RETURN NULL; END $$;
--> statement-breakpoint
CREATE TRIGGER "proposal_facts_ins" AFTER INSERT ON "proposal_facts" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION duban_facts_ins();
--> statement-breakpoint
CREATE TRIGGER "proposal_facts_upd" AFTER UPDATE ON "proposal_facts" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION duban_facts_upd();
--> statement-breakpoint
CREATE TRIGGER "proposal_facts_del" AFTER DELETE ON "proposal_facts" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION duban_facts_del();
--> statement-breakpoint
-- The base tables: any change to a proposal's figures columns or to one of its assignments,
-- replies, evaluations or contacts recomputes its facts, once per statement.
CREATE FUNCTION "duban_touch_ins"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM duban_refresh_facts((SELECT array_agg(DISTINCT CASE WHEN TG_TABLE_NAME = 'proposals' THEN (to_jsonb(n) ->> 'id')::int ELSE (to_jsonb(n) ->> 'proposal_id')::int END) FROM new_rows n));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "duban_touch_upd"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM duban_refresh_facts((SELECT array_agg(DISTINCT x) FROM (
    SELECT CASE WHEN TG_TABLE_NAME = 'proposals' THEN (to_jsonb(n) ->> 'id')::int ELSE (to_jsonb(n) ->> 'proposal_id')::int END AS x FROM new_rows n
    UNION SELECT CASE WHEN TG_TABLE_NAME = 'proposals' THEN (to_jsonb(o) ->> 'id')::int ELSE (to_jsonb(o) ->> 'proposal_id')::int END FROM old_rows o) s));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "duban_touch_del"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM duban_refresh_facts((SELECT array_agg(DISTINCT CASE WHEN TG_TABLE_NAME = 'proposals' THEN (to_jsonb(o) ->> 'id')::int ELSE (to_jsonb(o) ->> 'proposal_id')::int END) FROM old_rows o));
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['proposals', 'assignments', 'replies', 'evaluations', 'contacts'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION duban_touch_ins()', t || '_facts_ins', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION duban_touch_upd()', t || '_facts_upd', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION duban_touch_del()', t || '_facts_del', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- Rebuilds both from scratch (after a bulk load that bypassed the triggers, or to repair).
CREATE FUNCTION "duban_rebuild_rollups"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE proposal_facts, proposal_rollup;
  ALTER TABLE proposal_facts DISABLE TRIGGER proposal_facts_ins;
  INSERT INTO proposal_facts SELECT * FROM proposal_facts_live;
  ALTER TABLE proposal_facts ENABLE TRIGGER proposal_facts_ins;
  -- One pass over the facts instead of one huge transition table.
  INSERT INTO proposal_rollup AS r (tenant_id, session_id, unit_id, status, proposals, assigned, received, filed, not_filed, letter,
    social_report, merged_secondaries, key_proposals, handled, class_a, class_b, class_c, replies, on_time, face_to_face, evaluated,
    attitude_satisfied, attitude_basic, attitude_unsatisfied, result_satisfied, result_basic, result_unsatisfied)
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
    sum(u.own * (f.eval_result IS NOT DISTINCT FROM 'unsatisfied')::int)
  FROM proposal_facts f
  CROSS JOIN LATERAL (
    SELECT coalesce(f.lead_unit_id, 0) AS unit_id, 1 AS own, 0 AS asg
    UNION ALL SELECT x, 0, 1 FROM unnest(f.assigned_units) x
  ) u
  GROUP BY f.tenant_id, f.session_id, u.unit_id, f.status;
END $$;
--> statement-breakpoint
SELECT duban_rebuild_rollups();
