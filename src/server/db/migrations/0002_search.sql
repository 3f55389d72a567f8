CREATE TABLE "proposal_search" (
	"proposal_id" integer PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"document" "tsvector" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "proposal_search" ADD CONSTRAINT "proposal_search_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_search" ADD CONSTRAINT "proposal_search_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposal_search_document" ON "proposal_search" USING gin ("document");--> statement-breakpoint
CREATE INDEX "proposal_search_tenant" ON "proposal_search" USING btree ("tenant_id");