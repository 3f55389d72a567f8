import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import type { Database, Db } from '../src/server/db/client.js';
import { assignments, auditLog, notifications, proposals, replies } from '../src/server/db/schema.js';
import type { State } from '../src/shared/lifecycle.js';
import type { AssignmentStatus, UnitRole } from '../src/shared/domain.js';
import { scanDeadlines } from '../src/server/jobs/scan-deadlines.js';
import { startJobs } from '../src/server/jobs/scheduler.js';
import { Metrics } from '../src/server/metrics.js';
import { startTestQueue } from './helpers/queue.js';

// Expected flags are worked out by hand from the 2025 calendar: 国庆 1–8 Oct off, Sun 28 Sept
// and Sat 11 Oct worked. Seen from Tue 30 Sept the next working days are Thu 9 Oct (1), Fri 10
// (2), Sat 11 (3), Mon 13 (4).

let database: Database;
let db: Db;
let w: World;
let nextNumber = 1;

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  w = await buildWorld(db);
});
afterAll(async () => {
  await database.close();
});

interface Setup {
  status: State;
  deadline: string | null;
  units?: { unitId: number; role?: UnitRole; status?: AssignmentStatus }[];
  other?: boolean;
  flags?: { overdue?: boolean; dueSoon?: boolean };
}

async function proposal(title: string, s: Setup): Promise<number> {
  const tenantId = s.other ? w.otherTenantId : w.tenantId;
  const [p] = await db
    .insert(proposals)
    .values({
      tenantId,
      sessionId: s.other ? w.otherSessionId : w.sessionId,
      kind: 'proposal',
      title,
      body: '正文',
      category: 'agriculture',
      submittedDuring: 'plenary',
      status: s.status,
      number: nextNumber++,
      createdBy: s.other ? w.users.otherStaff.id : w.users.member.id,
      assignedAt: '2025-07-01',
      deadline: s.deadline,
      overdue: s.flags?.overdue ?? false,
      dueSoon: s.flags?.dueSoon ?? false,
    })
    .returning();
  for (const [i, u] of (s.units ?? []).entries()) {
    await db.insert(assignments).values({
      tenantId,
      proposalId: p!.id,
      unitId: u.unitId,
      role: u.role ?? (i === 0 ? 'lead' : 'co'),
      position: i,
      status: u.status ?? 'signed',
      assignedAt: '2025-07-01',
    });
  }
  return p!.id;
}

async function flags(id: number) {
  const [p] = await db.select().from(proposals).where(eq(proposals.id, id));
  return { overdue: p!.overdue, dueSoon: p!.dueSoon, evaluationOverdue: p!.evaluationOverdue };
}

async function noticesFor(id: number) {
  const rows = await db.select().from(notifications).where(eq(notifications.proposalId, id));
  return { users: rows.map((r) => r.userId).sort((a, b) => a - b), kinds: [...new Set(rows.map((r) => r.kind))], rows };
}

const ids = (...xs: { id: number }[]) => xs.map((x) => x.id).sort((a, b) => a - b);
const countNotifications = async () => (await db.select({ id: notifications.id }).from(notifications)).length;
const scanAudits = async () => db.select().from(auditLog).where(eq(auditLog.action, 'proposal.deadline_scan'));

/** Takes earlier tests' proposals out of the way, without a scan. */
async function quiesce() {
  await db.update(proposals).set({ status: 'closed', overdue: false, dueSoon: false, evaluationOverdue: false });
}

describe('scanDeadlines around 国庆 2025', () => {
  const p: Record<string, number> = {};

  it('flags due-soon and overdue proposals and notifies the right users only', async () => {
    const { nongye, jiaoyu, weijian } = w.units;
    p.oct9 = await proposal('关于完善农村饮水工程的建议', {
      status: 'assigned',
      deadline: '2025-10-09',
      units: [{ unitId: nongye, status: 'pending' }, { unitId: jiaoyu }],
    });
    p.oct11 = await proposal('关于加强耕地保护的建议', {
      status: 'handling',
      deadline: '2025-10-11',
      units: [{ unitId: nongye }, { unitId: weijian, status: 'removed' }],
    });
    p.oct13 = await proposal('关于发展智慧农业的建议', { status: 'handling', deadline: '2025-10-13', units: [{ unitId: nongye }] });
    p.late = await proposal('关于整治河道的建议', { status: 'rehandling', deadline: '2025-09-29', units: [{ unitId: nongye }] });
    p.today = await proposal('关于推进校园食堂明厨亮灶的建议', { status: 'handling', deadline: '2025-09-30', units: [{ unitId: jiaoyu }] });
    p.replied = await proposal('关于改善乡村道路的建议', {
      status: 'replied',
      deadline: '2025-09-01',
      units: [{ unitId: nongye }],
      flags: { overdue: true },
    });
    p.noDeadline = await proposal('关于建设乡村图书馆的建议', { status: 'handling', deadline: null, units: [{ unitId: jiaoyu }] });
    p.county = await proposal('关于县域教育均衡的建议', {
      status: 'handling',
      deadline: '2025-09-29',
      units: [{ unitId: w.units.other }],
      other: true,
    });

    const r = await scanDeadlines(db, '2025-09-30');
    expect(r).toEqual({ dueSoon: 3, overdue: 2, evaluationOverdue: 0, changed: 6, notified: 12 });

    expect(await flags(p.oct9!)).toEqual({ overdue: false, dueSoon: true, evaluationOverdue: false }); // 1 working day
    expect(await flags(p.oct11!)).toEqual({ overdue: false, dueSoon: true, evaluationOverdue: false }); // 3 working days
    expect(await flags(p.oct13!)).toEqual({ overdue: false, dueSoon: false, evaluationOverdue: false }); // 4 working days
    expect(await flags(p.late!)).toEqual({ overdue: true, dueSoon: false, evaluationOverdue: false });
    expect(await flags(p.today!)).toEqual({ overdue: false, dueSoon: true, evaluationOverdue: false });
    expect(await flags(p.replied!)).toEqual({ overdue: false, dueSoon: false, evaluationOverdue: false });
    expect(await flags(p.noDeadline!)).toEqual({ overdue: false, dueSoon: false, evaluationOverdue: false });
    expect(await flags(p.county!)).toEqual({ overdue: true, dueSoon: false, evaluationOverdue: false });

    const u = w.users;
    const n9 = await noticesFor(p.oct9!);
    expect(n9.users).toEqual(ids(u.unit, u.unit2, u.staff));
    expect(n9.kinds).toEqual(['deadline.due_soon']);
    expect(n9.rows[0]!.message).toContain('第');
    expect(n9.rows[0]!.message).toContain('将于2025年10月9日到期，还剩1个工作日');
    // The unit removed from the assignment (卫生健康局) hears nothing; nor does the office.
    expect((await noticesFor(p.oct11!)).users).toEqual(ids(u.unit, u.staff));
    expect((await noticesFor(p.oct11!)).rows[0]!.message).toContain('还剩3个工作日');
    expect((await noticesFor(p.oct13!)).users).toEqual([]);
    const late = await noticesFor(p.late!);
    expect(late.users).toEqual(ids(u.unit, u.staff, u.office));
    expect(late.kinds).toEqual(['deadline.overdue']);
    expect(late.rows[0]!.message).toContain('已超过办理期限（2025年9月29日）');
    expect((await noticesFor(p.today!)).users).toEqual(ids(u.unit2, u.staff));
    expect((await noticesFor(p.today!)).rows[0]!.message).toContain('今日（2025年9月30日）到期');
    expect((await noticesFor(p.replied!)).users).toEqual([]);
    expect((await noticesFor(p.noDeadline!)).users).toEqual([]);
    // Nothing crosses tenants: the county's own staff and unit, not the city's.
    expect((await noticesFor(p.county!)).users).toEqual(ids(u.otherUnit, u.otherStaff));
    expect(await countNotifications()).toBe(12);

    const audits = await scanAudits();
    expect(audits.map((a) => a.proposalId).sort((a, b) => a! - b!)).toEqual(
      [p.oct9, p.oct11, p.late, p.today, p.replied, p.county].sort((a, b) => a! - b!),
    );
    expect(audits.every((a) => a.actorId === null)).toBe(true);
    const cleared = audits.find((a) => a.proposalId === p.replied)!;
    expect(cleared.before).toMatchObject({ overdue: true, dueSoon: false });
    expect(cleared.after).toMatchObject({ overdue: false, dueSoon: false });
    expect(audits.find((a) => a.proposalId === p.county)!.tenantId).toBe(w.otherTenantId);
  });

  it('changes and sends nothing when scanning again on the same day', async () => {
    const before = { notices: await countNotifications(), audits: (await scanAudits()).length };
    const r = await scanDeadlines(db, '2025-09-30');
    expect(r).toEqual({ dueSoon: 0, overdue: 0, evaluationOverdue: 0, changed: 0, notified: 0 });
    expect(await countNotifications()).toBe(before.notices);
    expect((await scanAudits()).length).toBe(before.audits);
    expect(await flags(p.oct9!)).toEqual({ overdue: false, dueSoon: true, evaluationOverdue: false });
  });

  it('moves due-soon proposals to overdue after the holiday, telling the office too', async () => {
    const before = await countNotifications();
    // Fri 10 Oct: 9 Oct has passed; 13 Oct is 2 working days away (Sat 11 is worked).
    const r = await scanDeadlines(db, '2025-10-10');
    expect(r).toMatchObject({ dueSoon: 1, overdue: 2, changed: 3 });
    expect(await flags(p.oct9!)).toEqual({ overdue: true, dueSoon: false, evaluationOverdue: false });
    expect(await flags(p.today!)).toEqual({ overdue: true, dueSoon: false, evaluationOverdue: false });
    expect(await flags(p.oct13!)).toEqual({ overdue: false, dueSoon: true, evaluationOverdue: false });
    expect(await flags(p.oct11!)).toEqual({ overdue: false, dueSoon: true, evaluationOverdue: false });
    const n9 = (await noticesFor(p.oct9!)).rows.filter((n) => n.kind === 'deadline.overdue');
    expect(ids(...n9.map((n) => ({ id: n.userId })))).toEqual(ids(w.users.unit, w.users.unit2, w.users.staff, w.users.office));
    expect((await noticesFor(p.oct13!)).rows[0]!.message).toContain('还剩2个工作日');
    // p.oct9: 3 + 4, p.today: 2 + 3, p.oct13: 2.
    expect(r.notified).toBe(4 + 3 + 2);
    expect(await countNotifications()).toBe(before + 9);
  });

  it('clears the flags when the deadline is extended or the proposal leaves handling, and says nothing', async () => {
    await db.update(proposals).set({ deadline: '2025-12-31' }).where(inArray(proposals.id, [p.late!, p.oct11!]));
    await db.update(proposals).set({ status: 'replied' }).where(eq(proposals.id, p.oct13!));
    const before = await countNotifications();
    const r = await scanDeadlines(db, '2025-10-10');
    expect(r).toEqual({ dueSoon: 0, overdue: 0, evaluationOverdue: 0, changed: 3, notified: 0 });
    for (const id of [p.late!, p.oct11!, p.oct13!]) {
      expect(await flags(id)).toEqual({ overdue: false, dueSoon: false, evaluationOverdue: false });
    }
    expect(await countNotifications()).toBe(before);
    const [audit] = (await scanAudits()).filter((a) => a.proposalId === p.late).slice(-1);
    expect(audit!.before).toMatchObject({ overdue: true });
    expect(audit!.after).toMatchObject({ overdue: false, dueSoon: false, deadline: '2025-12-31', scannedOn: '2025-10-10' });
    // An extension to a date that is close again turns due-soon back on.
    await db.update(proposals).set({ deadline: '2025-10-14' }).where(eq(proposals.id, p.late!));
    expect(await scanDeadlines(db, '2025-10-10')).toMatchObject({ dueSoon: 1, overdue: 0, changed: 1 });
    expect(await flags(p.late!)).toEqual({ overdue: false, dueSoon: true, evaluationOverdue: false });
  });
});

describe('evaluation window', () => {
  it('reminds the staff once when the proposer has not evaluated in time, and again after a second reply', async () => {
    await quiesce();
    const id = await proposal('关于提升农村医疗服务的建议', {
      status: 'replied',
      deadline: '2025-09-30',
      units: [{ unitId: w.units.nongye }, { unitId: w.units.jiaoyu }],
    });
    const reply = (unitId: number, isLead: boolean, sequence: number, replyDate: string) =>
      db.insert(replies).values({
        tenantId: w.tenantId,
        proposalId: id,
        unitId,
        isLead,
        sequence,
        resultClass: 'A',
        body: '答复正文',
        disclosure: 'public',
        signerName: '张局长',
        signedAt: new Date(`${replyDate}T09:00:00+08:00`),
        dueDate: '2025-09-30',
        replyDate,
        createdBy: w.users.unit.id,
      });
    // Lead reply Fri 19 Sept; 15 working days: 22–26 (5), Sun 28 (6), 29, 30 (8), 9, 10, Sat 11 (11),
    // 13–16 Oct (15). The window ends Thu 16 Oct. A co-unit's later reply does not move it.
    await reply(w.units.nongye, true, 1, '2025-09-19');
    await reply(w.units.jiaoyu, false, 1, '2025-09-26');

    expect(await scanDeadlines(db, '2025-10-16')).toMatchObject({ evaluationOverdue: 0, notified: 0 });
    expect(await scanDeadlines(db, '2025-10-17')).toEqual({ dueSoon: 0, overdue: 0, evaluationOverdue: 1, changed: 1, notified: 1 });
    const n = await noticesFor(id);
    expect(n.users).toEqual([w.users.staff.id]);
    expect(n.kinds).toEqual(['evaluation.overdue']);
    expect(n.rows[0]!.message).toContain('已于2025年9月19日答复，15个工作日的测评期已过');
    expect(await flags(id)).toEqual({ overdue: false, dueSoon: false, evaluationOverdue: true });
    // Once: later scans do not repeat it.
    expect(await scanDeadlines(db, '2025-10-17')).toMatchObject({ changed: 0, notified: 0 });
    expect(await scanDeadlines(db, '2025-10-20')).toMatchObject({ changed: 0, notified: 0 });

    // 不满意 → re-handling: the flag is cleared; the second reply opens a new window.
    await db.update(proposals).set({ status: 'rehandling', deadline: '2025-12-31', replySequence: 2 }).where(eq(proposals.id, id));
    expect(await scanDeadlines(db, '2025-10-20')).toEqual({ dueSoon: 0, overdue: 0, evaluationOverdue: 0, changed: 1, notified: 0 });
    expect(await flags(id)).toEqual({ overdue: false, dueSoon: false, evaluationOverdue: false });
    await reply(w.units.nongye, true, 2, '2025-11-03');
    await db.update(proposals).set({ status: 'replied' }).where(eq(proposals.id, id));
    // Mon 3 Nov + 15 working days (no holiday in November) = Mon 24 Nov.
    expect(await scanDeadlines(db, '2025-11-24')).toMatchObject({ evaluationOverdue: 0, changed: 0 });
    expect(await scanDeadlines(db, '2025-11-25')).toMatchObject({ evaluationOverdue: 1, notified: 1 });
    const second = (await noticesFor(id)).rows.filter((r) => r.message.includes('2025年11月3日'));
    expect(second.map((r) => r.userId)).toEqual([w.users.staff.id]);
  });
});

describe('startJobs (the scans on the queue)', () => {
  const fakeLog = () => ({ info: vi.fn(), error: vi.fn(), warn: vi.fn(), debug: vi.fn() }) as unknown as FastifyBaseLogger & {
    info: ReturnType<typeof vi.fn>;
    error: ReturnType<typeof vi.fn>;
  };

  it('scans at start', async () => {
    await quiesce();
    const id = await proposal('关于规范农贸市场管理的建议', { status: 'handling', deadline: '2020-01-02', units: [{ unitId: w.units.nongye }] });
    const log = fakeLog();
    const queue = await startTestQueue(database);
    const jobs = await startJobs({ db, queue, log, instance: 'test', pollSeconds: 1 });
    try {
      await vi.waitFor(() => expect(log.info.mock.calls.some((c) => c[0]?.job === 'scan-deadlines')).toBe(true), { timeout: 20_000, interval: 50 });
    } finally {
      await jobs.stop();
    }
    expect(log.error).not.toHaveBeenCalled();
    expect(await flags(id)).toMatchObject({ overdue: true });
  });

  it('logs and counts failures instead of crashing, and retries', async () => {
    const broken = {
      select: () => {
        throw new Error('数据库不可用');
      },
      insert: () => {
        throw new Error('数据库不可用');
      },
      delete: () => {
        throw new Error('数据库不可用');
      },
    } as unknown as Db;
    const log = fakeLog();
    const metrics = new Metrics({}, { defaultMetrics: false });
    const queue = await startTestQueue(database);
    // The queue lives in the real database; the scans see a broken one.
    await db.execute(sql`delete from job_slots`);
    const jobs = await startJobs({ db: broken, queue, log, instance: 'test', pollSeconds: 1, metrics });
    try {
      // The scan's failure (the housekeeping job, also on the broken database, may fail first).
      await vi.waitFor(() => expect(log.error.mock.calls.some((c) => c[0]?.job === 'scans')).toBe(true), { timeout: 20_000, interval: 50 });
      // The failed scan is to be retried: pg-boss holds it in 'retry' with its back-off.
      // (The handler's failure is counted before pg-boss records it: wait for the record.)
      await vi.waitFor(async () => {
        const res = await database.sql!.executeSql(`select count(*)::int as n from pgboss.job where name = 'scans' and state = 'retry'`);
        expect(res.rows[0]?.n).toBeGreaterThanOrEqual(1);
      }, { timeout: 10_000, interval: 100 });
    } finally {
      await jobs.stop();
    }
    expect(log.info.mock.calls.some((c) => c[0]?.job === 'scan-deadlines')).toBe(false);
    const failures = await metrics.registry.getSingleMetricAsString('duban_job_failures_total');
    expect(failures).toMatch(/duban_job_failures_total\{queue="scans"\} [1-9]/);
  });
});
