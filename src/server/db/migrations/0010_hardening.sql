CREATE TABLE "audit_chains" (
	"chain" integer PRIMARY KEY NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"mac" text DEFAULT '' NOT NULL,
	"archived_seq" bigint DEFAULT 0 NOT NULL,
	"archived_mac" text DEFAULT '' NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "attachments" ALTER COLUMN "content" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "tenant_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "task_report_attachments" ALTER COLUMN "content" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "storage_path" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "digest" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain" integer;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "mac" text;--> statement-breakpoint
-- Rows written before the chain existed join their tenant's chain in the order they were written;
-- their macs are computed by the server at its next start (sealLegacyAudit, domain/audit-chain.ts).
UPDATE "audit_log" a SET "chain" = n.chain, "seq" = n.seq, "mac" = 'legacy'
FROM (SELECT id, coalesce(tenant_id, 0) AS chain, row_number() OVER (PARTITION BY coalesce(tenant_id, 0) ORDER BY id) AS seq FROM "audit_log") n
WHERE a.id = n.id;--> statement-breakpoint
INSERT INTO "audit_chains" ("chain", "seq", "mac") SELECT "chain", max("seq"), 'legacy' FROM "audit_log" GROUP BY "chain";--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "chain" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "mac" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "body_hash" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "phone_index" text;--> statement-breakpoint
ALTER TABLE "task_report_attachments" ADD COLUMN "storage_path" text;--> statement-breakpoint
ALTER TABLE "task_report_attachments" ADD COLUMN "digest" text;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "contact_phone_index" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_index" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_chain_seq" ON "audit_log" USING btree ("chain","seq");--> statement-breakpoint
-- audit_log is append-only: no UPDATE, no TRUNCATE, and DELETE only of rows the archiver has
-- recorded as archived in audit_chains (a prefix of the chain, kept in a signed file). The one
-- UPDATE let through is the one-time sealing of rows written before the chain existed.
CREATE OR REPLACE FUNCTION duban_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM audit_chains c WHERE c.chain = OLD.chain AND OLD.seq <= c.archived_seq) THEN
      RETURN OLD;
    END IF;
  ELSIF TG_OP = 'UPDATE' THEN
    IF OLD.mac = 'legacy' AND NEW.mac <> 'legacy'
       AND ROW(NEW.id, NEW.tenant_id, NEW.actor_id, NEW.action, NEW.entity_type, NEW.entity_id, NEW.proposal_id, NEW.before, NEW.after, NEW.ip, NEW.at, NEW.chain, NEW.seq)
           IS NOT DISTINCT FROM
           ROW(OLD.id, OLD.tenant_id, OLD.actor_id, OLD.action, OLD.entity_type, OLD.entity_id, OLD.proposal_id, OLD.before, OLD.after, OLD.ip, OLD.at, OLD.chain, OLD.seq) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除（audit_log is append-only: % refused）', TG_OP USING ERRCODE = '42501';
END $$;--> statement-breakpoint
-- Only the migration above marks rows 'legacy': a row inserted as such would be sealed into the chain.
CREATE OR REPLACE FUNCTION duban_audit_insert_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.mac = 'legacy' THEN
    RAISE EXCEPTION '审计记录须带校验值（audit rows must carry their mac）' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "audit_log_insert_sealed" BEFORE INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION duban_audit_insert_sealed();--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION duban_audit_append_only();--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION duban_audit_append_only();--> statement-breakpoint
-- The chain heads only move forward, and are never removed.
CREATE OR REPLACE FUNCTION duban_audit_chain_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.chain = OLD.chain AND NEW.seq >= OLD.seq AND NEW.archived_seq >= OLD.archived_seq AND NEW.archived_seq <= NEW.seq THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '审计链只能向前推进（audit_chains only moves forward: % refused）', TG_OP USING ERRCODE = '42501';
END $$;--> statement-breakpoint
CREATE TRIGGER "audit_chains_forward" BEFORE UPDATE OR DELETE ON "audit_chains" FOR EACH ROW EXECUTE FUNCTION duban_audit_chain_forward();--> statement-breakpoint
CREATE TRIGGER "audit_chains_no_truncate" BEFORE TRUNCATE ON "audit_chains" FOR EACH STATEMENT EXECUTE FUNCTION duban_audit_chain_forward();--> statement-breakpoint
-- The archiver removes archived rows through this function, so that on PostgreSQL the
-- application's role needs no DELETE right on audit_log (SECURITY.md: role setup).
CREATE OR REPLACE FUNCTION duban_audit_drop_archived(p_chain integer) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE n integer;
BEGIN
  DELETE FROM audit_log WHERE chain = p_chain AND seq <= (SELECT archived_seq FROM audit_chains WHERE chain = p_chain);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
