ALTER TABLE "evaluations" ADD COLUMN "unit_id" integer;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "recorded_by" integer;--> statement-breakpoint
ALTER TABLE "leaders" ADD COLUMN "organ" text;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "entered_by" integer;--> statement-breakpoint
ALTER TABLE "proposers" ADD COLUMN "recorded_by" integer;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "co_opinion_months" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "reply_review" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "organ" text;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposers" ADD CONSTRAINT "proposers_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Staff accounts made before organs existed work for the CPPCC committee (提案委) until an administrator moves them.
UPDATE "users" SET "organ" = 'cppcc' WHERE 'staff' = ANY("roles") AND "organ" IS NULL;
