-- Issue 16 (handling aids): the unsigned-alert threshold per session, a unit's named reply
-- templates, and the reply being written kept on the server (one draft per assignment).
ALTER TABLE "sessions" ADD COLUMN "sign_alert_working_days" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
CREATE TABLE "reply_templates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reply_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"tenant_id" integer NOT NULL REFERENCES "tenants"("id"),
	"unit_id" integer NOT NULL REFERENCES "units"("id"),
	"name" text NOT NULL,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer NOT NULL REFERENCES "users"("id"),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "reply_templates_unit_name" ON "reply_templates" ("unit_id","name");--> statement-breakpoint
CREATE TABLE "reply_drafts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reply_drafts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"tenant_id" integer NOT NULL REFERENCES "tenants"("id"),
	"assignment_id" integer NOT NULL REFERENCES "assignments"("id"),
	"proposal_id" integer NOT NULL REFERENCES "proposals"("id"),
	"unit_id" integer NOT NULL REFERENCES "units"("id"),
	"result_class" text,
	"body" text DEFAULT '' NOT NULL,
	"disclosure" text,
	"document_no" text,
	"contact_person" text,
	"signer_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer NOT NULL REFERENCES "users"("id"),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "reply_drafts_assignment" ON "reply_drafts" ("assignment_id");--> statement-breakpoint
CREATE INDEX "reply_drafts_proposal" ON "reply_drafts" ("proposal_id");
