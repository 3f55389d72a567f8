import { defineConfig } from 'drizzle-kit';

// One schema, one migration history, applied both to embedded PGlite and to a PostgreSQL server.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema.ts',
  out: './src/server/db/migrations',
});
