import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { anonymous, login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { auditChains, auditLog } from '../src/server/db/schema.js';
import { writeAudit } from '../src/server/domain/audit.js';
import { LEGACY_MAC, sealLegacyAudit, verifyAllChains, verifyAuditChain } from '../src/server/domain/audit-chain.js';
import { archiveAudit, verifyArchiveFile } from '../src/server/domain/audit-archive.js';

// The audit log as evidence: the database refuses to change or delete rows, every row carries an
// HMAC-SM3 chain value, and verification names the first row that was tampered with — by SQL,
// with the trigger disabled as a superuser could.

let database: Database;
let app: App;
let w: World;
let auditor: Client;
let staff: Client;

const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[]));
const exec = (q: ReturnType<typeof sql>) => database.db.execute(q);
/** Runs SQL with the append-only trigger off, as a superuser would, and puts it back. */
async function asSuperuser(q: ReturnType<typeof sql>) {
  await exec(sql`alter table audit_log disable trigger audit_log_append_only`);
  try {
    await exec(q);
  } finally {
    await exec(sql`alter table audit_log enable trigger audit_log_append_only`);
  }
}
const chainRows = (chain: number) => database.db.select().from(auditLog).where(eq(auditLog.chain, chain)).orderBy(asc(auditLog.seq));

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  auditor = await login(app, w.users.auditor.username);
  staff = await login(app, w.users.staff.username);
  const member = await login(app, w.users.member.username);
  // Some real work: a proposal created and edited, each with its audit row.
  const p = await member.post('/api/v1/proposals', { sessionId: w.sessionId, title: '关于加强农村饮用水安全保障的建议', body: '正文', category: 'agriculture' });
  await member.patch(`/api/v1/proposals/${p.body.id}`, { title: '关于全面加强农村饮用水安全保障的建议', version: p.body.version });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('append-only audit_log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const [row] = await chainRows(w.tenantId);
    await expect(exec(sql`update audit_log set action = 'proposal.nothing' where id = ${row!.id}`)).rejects.toThrow();
    await expect(exec(sql`delete from audit_log where id = ${row!.id}`)).rejects.toThrow();
    await expect(exec(sql`truncate audit_log`)).rejects.toThrow();
    await expect(exec(sql`update audit_chains set seq = 0 where chain = ${w.tenantId}`)).rejects.toThrow();
    await expect(exec(sql`delete from audit_chains`)).rejects.toThrow();
    const [still] = await database.db.select().from(auditLog).where(eq(auditLog.id, row!.id));
    expect(still).toEqual(row);
  });

  it('refuses a row inserted without its chain value', async () => {
    await expect(
      exec(sql`insert into audit_log (tenant_id, action, entity_type, chain, seq, mac) values (${w.tenantId}, 'x', 'y', ${w.tenantId}, 99999, ${LEGACY_MAC})`),
    ).rejects.toThrow();
  });
});

describe('HMAC-SM3 chain', () => {
  it('gives every row its place and mac, and verifies', async () => {
    const rows = await chainRows(w.tenantId);
    expect(rows.length).toBeGreaterThanOrEqual(4); // 3 sign-ins, a create, an edit
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.mac))).toBe(true);
    expect(await verifyAuditChain(database.db, w.tenantId)).toMatchObject({ ok: true, checked: rows.length, firstBad: null });
  });

  it('does not fork under concurrent writers', async () => {
    const before = (await chainRows(w.tenantId)).length;
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        database.db.transaction((tx) => writeAudit(tx, { tenantId: w.tenantId, userId: w.users.staff.id, ip: '10.0.0.1' }, { action: 'test.parallel', entityType: 'test', entityId: i })),
      ),
    );
    const rows = await chainRows(w.tenantId);
    expect(rows).toHaveLength(before + 24);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect((await verifyAuditChain(database.db, w.tenantId)).ok).toBe(true);
  });

  it('catches a row edited by SQL and names it, on the auditor’s screen too', async () => {
    const rows = await chainRows(w.tenantId);
    const victim = rows[2]!;
    await asSuperuser(sql`update audit_log set ip = '1.2.3.4' where id = ${victim.id}`);
    const report = await verifyAuditChain(database.db, w.tenantId);
    expect(report.ok).toBe(false);
    expect(report.firstBad).toMatchObject({ problem: 'altered', seq: victim.seq, id: victim.id });
    expect(report.checked).toBe(2);

    const res = await auditor.post('/api/v1/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    const mine = res.body.chains.find((c: { chain: number }) => c.chain === w.tenantId);
    expect(mine.firstBad).toMatchObject({ id: victim.id, seq: victim.seq });
    expect(mine.firstBad.message).toContain(`第${victim.seq}条`);
    // Putting the value back restores the chain: the mac covers content, not the edit.
    await asSuperuser(sql`update audit_log set ip = ${victim.ip} where id = ${victim.id}`);
    expect((await verifyAuditChain(database.db, w.tenantId)).ok).toBe(true);
  });

  it('catches a recomputed-looking mac: a row whose mac was replaced', async () => {
    const [victim] = await chainRows(w.tenantId);
    await asSuperuser(sql`update audit_log set mac = ${'0'.repeat(64)} where id = ${victim!.id}`);
    expect((await verifyAuditChain(database.db, w.tenantId)).firstBad).toMatchObject({ problem: 'altered', seq: 1 });
    await asSuperuser(sql`update audit_log set mac = ${victim!.mac} where id = ${victim!.id}`);
  });

  it('catches a row deleted from the middle and one deleted from the end', async () => {
    const rows = await chainRows(w.tenantId);
    const middle = rows[5]!;
    const last = rows.at(-1)!;
    await exec(sql`create temp table saved_rows as select * from audit_log where id in (${middle.id}, ${last.id})`);
    const restore = (id: number) => exec(sql`insert into audit_log overriding system value select * from saved_rows where id = ${id}`);

    await asSuperuser(sql`delete from audit_log where id = ${middle.id}`);
    expect((await verifyAuditChain(database.db, w.tenantId)).firstBad).toMatchObject({ problem: 'missing', seq: middle.seq });
    await restore(middle.id);
    expect((await verifyAuditChain(database.db, w.tenantId)).ok).toBe(true);

    await asSuperuser(sql`delete from audit_log where id = ${last.id}`);
    expect((await verifyAuditChain(database.db, w.tenantId)).firstBad).toMatchObject({ problem: 'head', seq: last.seq });
    await restore(last.id);
    expect((await verifyAuditChain(database.db, w.tenantId)).ok).toBe(true);
  });

  it('records the auditor’s verification, and keeps it from everyone else', async () => {
    const res = await auditor.post('/api/v1/audit/verify');
    expect(res.body.ok).toBe(true);
    const [row] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'audit.verify')).orderBy(asc(auditLog.id)).limit(1);
    expect(row).toMatchObject({ actorId: w.users.auditor.id, tenantId: w.tenantId });
    expect((await staff.post('/api/v1/audit/verify')).status).toBe(403);
    expect((await anonymous(app).post('/api/v1/audit/verify')).status).toBe(401);
  });

  it('seals rows that existed before the chain, once, and verifies them', async () => {
    // As the migration leaves them: numbered, marked 'legacy'.
    const chain = 777;
    await exec(sql`alter table audit_log disable trigger audit_log_insert_sealed`);
    await exec(sql`insert into audit_chains (chain, seq, mac) values (${chain}, 2, ${LEGACY_MAC})`);
    for (const seq of [1, 2]) {
      await exec(sql`insert into audit_log (tenant_id, action, entity_type, chain, seq, mac, "at") values (${w.tenantId}, 'legacy.row', 'test', ${chain}, ${seq}, ${LEGACY_MAC}, now())`);
    }
    await exec(sql`alter table audit_log enable trigger audit_log_insert_sealed`);
    expect((await verifyAuditChain(database.db, chain)).ok).toBe(false);
    expect(await sealLegacyAudit(database.db)).toBe(2);
    expect(await verifyAuditChain(database.db, chain)).toMatchObject({ ok: true, checked: 2 });
    // Sealed rows are ordinary rows now: no second change goes through.
    const [first] = await chainRows(chain);
    await expect(exec(sql`update audit_log set mac = ${LEGACY_MAC} where id = ${first!.id}`)).rejects.toThrow();
    expect(await sealLegacyAudit(database.db)).toBe(0);
  });

  it('verifies every chain for the command line', async () => {
    const reports = await verifyAllChains(database.db);
    expect(reports.map((r) => r.chain)).toContain(w.tenantId);
    expect(reports.every((r) => r.ok)).toBe(true);
  });
});

describe('retention: archive to signed files', () => {
  it('moves rows older than the retention period to a signed file and verifies the rest from the archived head', async () => {
    const chain = w.otherTenantId;
    const old = new Date('2025-01-10T02:00:00Z');
    await database.db.transaction((tx) =>
      writeAudit(tx, { tenantId: chain, userId: null, ip: null }, { action: 'test.old', entityType: 'test', entityId: 1, after: { n: 1 } }),
    );
    // Backdate the first rows as a row from last year would be (trigger off, then macs recomputed by writing them anew).
    const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-archive-'));
    const before = await chainRows(chain);
    await asSuperuser(sql`delete from audit_log where chain = ${chain}`);
    await exec(sql`alter table audit_chains disable trigger audit_chains_forward`);
    await exec(sql`delete from audit_chains where chain = ${chain}`);
    await exec(sql`alter table audit_chains enable trigger audit_chains_forward`);
    const { appendAudit } = await import('../src/server/domain/audit-chain.js');
    await database.db.transaction((tx) =>
      appendAudit(tx, [
        ...before.map((r, i) => ({ tenantId: chain, actorId: r.actorId, action: r.action, entityType: r.entityType, ip: r.ip, at: new Date(old.getTime() + i * 1000) })),
        { tenantId: chain, actorId: null, action: 'test.recent', entityType: 'test', at: new Date('2026-11-20T02:00:00Z') },
      ]),
    );
    const total = before.length + 1;

    const now = new Date('2026-11-23T02:00:00Z');
    const result = await archiveAudit(database.db, { now, retentionDays: 180, dir });
    const mine = result.find((r) => r.chain === chain)!;
    expect(mine.rows).toBe(before.length);
    const left = await chainRows(chain);
    expect(left.map((r) => r.action)).toEqual(['test.recent']);
    expect(left[0]!.seq).toBe(total);
    const [head] = await database.db.select().from(auditChains).where(eq(auditChains.chain, chain));
    expect(head).toMatchObject({ archivedSeq: before.length, seq: total });
    expect(await verifyAuditChain(database.db, chain)).toMatchObject({ ok: true, checked: 1, archivedSeq: before.length });

    // The file: signed rows and chain head, verifiable on their own; a changed byte is caught.
    expect(await verifyArchiveFile(mine.file)).toMatchObject({ ok: true, fromSeq: 1, toSeq: before.length });
    const text = readFileSync(mine.file, 'utf8');
    const forged = path.join(dir, 'forged.json');
    writeFileSync(forged, text.replace('test.old', 'test.new'));
    expect((await verifyArchiveFile(forged)).ok).toBe(false);

    // Nothing younger than the period goes, and a second run archives nothing more.
    expect((await archiveAudit(database.db, { now, retentionDays: 180, dir })).find((r) => r.chain === chain)).toBeUndefined();
  });

  it('refuses to delete rows that were not archived', async () => {
    const [row] = await chainRows(w.tenantId);
    await expect(exec(sql`delete from audit_log where id = ${row!.id}`)).rejects.toThrow();
    const dropped = rowsOf<{ n: number }>(await exec(sql`select duban_audit_drop_archived(${w.tenantId}) as n`));
    expect(Number(dropped[0]!.n)).toBe(0);
  });
});
