-- Every search vector carries its tenant as a lexeme no text can produce ('~t12'; tokenize.ts
-- tenantLexeme), and every search ANDs it into its tsquery: the GIN scan then intersects the
-- posting lists starting from the tenant's, instead of returning the matches of all tenants and
-- leaving the tenant filter to the heap. The index is rebuilt rather than updated row by row: much
-- faster on a large table, and the same index afterwards. Concatenation merges a lexeme already
-- there, so running this twice changes nothing.
DROP INDEX IF EXISTS "proposal_search_document";--> statement-breakpoint
UPDATE "proposal_search" SET "document" = "document" || array_to_tsvector(ARRAY['~t' || "tenant_id"::text]);--> statement-breakpoint
CREATE INDEX "proposal_search_document" ON "proposal_search" USING gin ("document");
