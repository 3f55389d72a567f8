-- Issue 15: leaders by organ and rank, supervision meetings and instructions, a province's tenants
-- (platform administrators), joint city–county supervision.
ALTER TABLE "leaders" ADD COLUMN "rank" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "platform_admin" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE TABLE "supervision_meetings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "supervision_meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"tenant_id" integer NOT NULL REFERENCES "tenants"("id"),
	"kind" text NOT NULL,
	"meeting_date" date NOT NULL,
	"place" text NOT NULL,
	"chair_leader_id" integer REFERENCES "leaders"("id"),
	"units" text,
	"members" text,
	"agenda" text NOT NULL,
	"unit_report" text,
	"member_opinions" text,
	"decisions" text,
	"minutes" text,
	"created_by" integer NOT NULL REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "supervision_meetings_tenant" ON "supervision_meetings" ("tenant_id","meeting_date");--> statement-breakpoint
CREATE TABLE "supervision_meeting_proposals" (
	"tenant_id" integer NOT NULL REFERENCES "tenants"("id"),
	"meeting_id" integer NOT NULL REFERENCES "supervision_meetings"("id"),
	"proposal_id" integer NOT NULL REFERENCES "proposals"("id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_meeting_proposals_pk" ON "supervision_meeting_proposals" ("meeting_id","proposal_id");--> statement-breakpoint
CREATE INDEX "supervision_meeting_proposals_proposal" ON "supervision_meeting_proposals" ("proposal_id");--> statement-breakpoint
CREATE TABLE "supervision_meeting_leaders" (
	"tenant_id" integer NOT NULL REFERENCES "tenants"("id"),
	"meeting_id" integer NOT NULL REFERENCES "supervision_meetings"("id"),
	"leader_id" integer NOT NULL REFERENCES "leaders"("id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_meeting_leaders_pk" ON "supervision_meeting_leaders" ("meeting_id","leader_id");--> statement-breakpoint
CREATE INDEX "supervision_meeting_leaders_leader" ON "supervision_meeting_leaders" ("leader_id");--> statement-breakpoint
CREATE TABLE "supervision_instructions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "supervision_instructions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"tenant_id" integer NOT NULL REFERENCES "tenants"("id"),
	"proposal_id" integer NOT NULL REFERENCES "proposals"("id"),
	"meeting_id" integer REFERENCES "supervision_meetings"("id"),
	"leader_id" integer NOT NULL REFERENCES "leaders"("id"),
	"issued_on" date NOT NULL,
	"content" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"response" text,
	"responded_by" integer REFERENCES "users"("id"),
	"responded_at" timestamp with time zone,
	"created_by" integer NOT NULL REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervision_instructions_status" CHECK ("status" in ('open', 'followed_up'))
);
--> statement-breakpoint
CREATE INDEX "supervision_instructions_proposal" ON "supervision_instructions" ("proposal_id");--> statement-breakpoint
CREATE INDEX "supervision_instructions_leader" ON "supervision_instructions" ("leader_id");--> statement-breakpoint
CREATE TABLE "joint_supervisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "joint_supervisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"tenant_id" integer NOT NULL REFERENCES "tenants"("id"),
	"proposal_id" integer NOT NULL REFERENCES "proposals"("id"),
	"partner_tenant_id" integer NOT NULL REFERENCES "tenants"("id"),
	"status" text DEFAULT 'invited' NOT NULL,
	"note" text,
	"invited_by" integer NOT NULL REFERENCES "users"("id"),
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_by" integer REFERENCES "users"("id"),
	"answered_at" timestamp with time zone,
	CONSTRAINT "joint_supervisions_status" CHECK ("status" in ('invited', 'accepted', 'declined', 'withdrawn'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "joint_supervisions_proposal" ON "joint_supervisions" ("proposal_id") WHERE "status" in ('invited', 'accepted');--> statement-breakpoint
CREATE INDEX "joint_supervisions_partner" ON "joint_supervisions" ("partner_tenant_id");
--> statement-breakpoint
CREATE TABLE "supervision_meeting_attachments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "supervision_meeting_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"tenant_id" integer NOT NULL REFERENCES "tenants"("id"),
	"meeting_id" integer NOT NULL REFERENCES "supervision_meetings"("id"),
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"storage_path" text NOT NULL,
	"digest" text NOT NULL,
	"uploaded_by" integer NOT NULL REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "supervision_meeting_attachments_meeting" ON "supervision_meeting_attachments" ("meeting_id");
