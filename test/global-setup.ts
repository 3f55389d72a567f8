import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/server/db/client.js';
import { startQueue } from '../src/server/jobs/queue.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

/**
 * Migrates one database per project and hands it to the test files as a template: each file then
 * gets a fresh copy in about a second instead of migrating its own.
 */
export default async function setup(project: TestProject) {
  if (project.name.startsWith('postgres')) {
    const url = process.env.TEST_DATABASE_URL!;
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const name = `duban_tpl_${process.pid}`;
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const d = await openDatabase({ url: target.toString() });
    await installQueue(d.sql!);
    await d.close();
    project.provide('postgresTemplate', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    };
  }
  const d = await openDatabase({ dataDir: 'memory://' });
  await installQueue(d.sql!);
  const client = (d.db as unknown as { $client: import('@electric-sql/pglite').PGlite }).$client;
  const dump = await client.dumpDataDir('none');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-tpl-'));
  const file = path.join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await d.close();
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
}

// The job queue's own tables (pg-boss) go into the template too: starting it per file is then quick.
async function installQueue(sql: import('../src/server/db/client.js').SqlRunner) {
  const q = await startQueue(sql, { onError: () => undefined });
  await q.stop();
}
