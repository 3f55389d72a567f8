import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptField, isEncrypted } from '../src/server/crypto/field-crypto.js';
import { and, eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { readXlsx, xlsxBase64 } from './xlsx-fixture.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { auditLog, members, units, users } from '../src/server/db/schema.js';

// Rosters from Excel: template, preview with row-numbered errors, nothing saved on a bad row, commit.

let database: Database;
let app: App;
let w: World;
let sysadmin: Client;
let secadmin: Client;
let staff: Client;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  sysadmin = await login(app, w.users.sysadmin.username);
  secadmin = await login(app, w.users.secadmin.username);
  staff = await login(app, w.users.staff.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const file = async (rows: string[][], name = '名册.xlsx') => ({ fileName: name, contentBase64: await xlsxBase64([{ name: '名册', rows }]) });
const MEMBER_HEADER = ['姓名', '界别', '党派', '工作单位', '手机', '登录账号'];

describe('templates', () => {
  it('offers a template per roster to its keeper, with a 填写说明 sheet, that the preview reads back', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/rosters/members/template.xlsx', headers: { cookie: await cookieOf(w.users.sysadmin.username) } });
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('委员/代表名册导入模板.xlsx');
    const sheets = await readXlsx(res.rawPayload);
    expect(sheets.map((s) => s.name)).toEqual(['名册', '填写说明']);
    expect(sheets[0]!.rows[0]).toEqual(['姓名*', '界别/代表团*', '党派', '工作单位', '手机', '登录账号']);
    // The template itself previews cleanly: two new members.
    const preview = await sysadmin.post('/api/v1/rosters/members/preview', { fileName: '模板.xlsx', contentBase64: res.rawPayload.toString('base64'), kind: 'proposal' });
    expect(preview.body.counts).toEqual({ rows: 2, create: 2, update: 0, skip: 0, errors: 0 });
    expect((await staff.get('/api/v1/rosters/accounts/template.xlsx')).status).toBe(403);
    expect((await secadmin.get('/api/v1/rosters/units/template.xlsx')).status).toBe(403);
  });
});

describe('委员/代表名册', () => {
  it('previews each row with its errors by row number, saves nothing, and refuses the commit', async () => {
    const upload = await file([
      MEMBER_HEADER,
      ['周国强', '经济界', '民建', '平湖市某某公司', '13805731111', ''],
      ['', '教育界', '', '', '', ''],
      ['吴晓梅', '', '', '', '电话待补', ''],
      ['周国强', '科技界', '', '', '', ''],
      ['郑文华', '医卫界', '', '', '', 'no_such_user'],
    ]);
    const preview = await sysadmin.post('/api/v1/rosters/members/preview', { ...upload, kind: 'proposal' });
    expect(preview.status).toBe(200);
    expect(preview.body.counts).toEqual({ rows: 5, create: 1, update: 0, skip: 0, errors: 4 });
    expect(preview.body.errors.map((e: { message: string }) => e.message)).toEqual([
      '第3行：姓名不能为空',
      '第4行：界别不能为空',
      '第4行：手机号码格式不正确',
      '第5行：姓名「周国强」与第2行重复',
      '第6行：登录账号「no_such_user」不存在，请先由安全管理员开设账号',
    ]);
    // Phones are shown masked in the preview.
    expect(preview.body.rows[0].cells.phone).toBe('138****1111');
    const commit = await sysadmin.post('/api/v1/rosters/members/commit', { ...upload, kind: 'proposal' });
    expect(commit.status).toBe(400);
    expect(commit.body.message).toMatch(/^文件有5处错误，未导入任何内容：第3行：姓名不能为空/);
    expect(commit.body.details[0]).toEqual({ path: 'rows.3', message: '第3行：姓名不能为空' });
    expect(await database.db.select().from(members).where(eq(members.name, '周国强'))).toHaveLength(0);
  });

  it('adds new members, updates known ones, skips unchanged ones, links accounts, and keeps phones out of the audit log', async () => {
    const [acct] = await database.db.insert(users).values({ tenantId: w.tenantId, username: 't_new_member', displayName: '孙丽', passwordHash: 'x', roles: ['member'] }).returning();
    const upload = await file([
      MEMBER_HEADER,
      ['孙丽', '文艺界', '九三学社', '平湖市文化馆', '13900001234', 't_new_member'],
      ['王建国', '经济界', '民盟', '', '', ''],
      ['李秀英', '农业界', '民盟', '', '13700009999', ''],
    ]);
    const preview = await sysadmin.post('/api/v1/rosters/members/preview', { ...upload, kind: 'proposal' });
    expect(preview.body.rows.map((r: { action: string }) => r.action)).toEqual(['create', 'skip', 'update']);
    const r = await sysadmin.post('/api/v1/rosters/members/commit', { ...upload, kind: 'proposal' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ created: 1, updated: 1, skipped: 1 });
    const [sun] = await database.db.select().from(members).where(eq(members.name, '孙丽'));
    // Phones are kept encrypted (SM4) at rest; read back through the key they were sealed with.
    expect(isEncrypted(sun!.phone)).toBe(true);
    expect({ ...sun, phone: decryptField(sun!.phone) }).toMatchObject({ kind: 'proposal', sector: '文艺界', party: '九三学社', phone: '13900001234', userId: acct!.id });
    const [li] = await database.db.select().from(members).where(eq(members.id, w.members.li));
    expect({ ...li, phone: decryptField(li!.phone) }).toMatchObject({ sector: '农业界', phone: '13700009999', userId: w.users.member2.id });
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'member.import'));
    expect(audit!.after).toMatchObject({ created: ['孙丽'], updated: ['李秀英'], skipped: 1 });
    expect(JSON.stringify(audit)).not.toContain('13900001234');
    expect(JSON.stringify(audit)).not.toContain('13700009999');
    // An account already linked to another member cannot be linked again.
    const dup = await sysadmin.post('/api/v1/rosters/members/preview', { ...(await file([MEMBER_HEADER, ['钱多多', '经济界', '', '', '', 't_new_member']])), kind: 'proposal' });
    expect(dup.body.errors[0].message).toBe('第2行：登录账号「t_new_member」已关联「孙丽」');
  });

  it('keeps 代表 apart from 委员: the same file as an NPC roster adds deputies with their 代表团', async () => {
    const upload = await file([['姓名', '代表团'], ['王建国', '当湖代表团']]);
    const r = await sysadmin.post('/api/v1/rosters/members/commit', { ...upload, kind: 'suggestion' });
    expect(r.body).toEqual({ created: 1, updated: 0, skipped: 0 });
    const deputies = await database.db.select().from(members).where(and(eq(members.name, '王建国'), eq(members.kind, 'suggestion')));
    expect(deputies[0]!.sector).toBe('当湖代表团');
  });

  it('reads what is not an .xlsx as an error and needs the header row', async () => {
    const bad = await sysadmin.post('/api/v1/rosters/members/preview', { fileName: '名册.xlsx', contentBase64: Buffer.from('not a zip').toString('base64'), kind: 'proposal' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('不是有效的 Excel');
    // A workbook of several MB (up to 10 MB) reaches the checks: not refused as too large by the body limit.
    const big = await sysadmin.post('/api/v1/rosters/members/preview', { fileName: '名册.xlsx', contentBase64: Buffer.alloc(3 * 1024 * 1024, 7).toString('base64'), kind: 'proposal' });
    expect(big.status).toBe(400);
    expect(big.body.message).toContain('不是有效的 Excel');
    const csv = await sysadmin.post('/api/v1/rosters/members/preview', { fileName: '名册.csv', contentBase64: 'YQ==', kind: 'proposal' });
    expect(csv.body.details[0]).toMatchObject({ path: 'body.fileName' });
    const noHeader = await sysadmin.post('/api/v1/rosters/members/preview', { ...(await file([['甲', '乙'], ['丙', '丁']])), kind: 'proposal' });
    expect(noHeader.body.errors[0]).toEqual({ row: null, message: '「名册」表未找到表头行，须包含列：姓名、界别/代表团' });
    // A NUL byte cannot travel inside the .xlsx XML; in the JSON around it, it is refused.
    const nul = await sysadmin.post('/api/v1/rosters/members/preview', { ...(await file([MEMBER_HEADER])), fileName: '名\u0000册.xlsx', kind: 'proposal' });
    expect(nul.body.details[0]).toMatchObject({ path: 'body.fileName', message: '文件名含有非法字符' });
    const empty = await sysadmin.post('/api/v1/rosters/members/preview', { ...(await file([MEMBER_HEADER])), kind: 'proposal' });
    expect(empty.body.errors).toEqual([{ row: null, message: '文件中没有数据行' }]);
  });
});

describe('承办单位名册', () => {
  it('adds and updates units, nothing when a row is bad', async () => {
    const bad = await file([['单位名称', '类型', '联系人', '联系电话'], ['民政局', '部门', '钱明', '0573-85012345'], ['新埭镇', '乡镇府', '', '']]);
    const refused = await sysadmin.post('/api/v1/rosters/units/commit', bad);
    expect(refused.status).toBe(400);
    expect(refused.body.details.map((d: { message: string }) => d.message)).toEqual(['第3行：类型「乡镇府」无效，应为部门、镇街、企业或其他']);
    expect(await database.db.select().from(units).where(eq(units.name, '民政局'))).toHaveLength(0);
    const ok = await sysadmin.post('/api/v1/rosters/units/commit', await file([['单位名称', '类型', '联系人', '联系电话'], ['民政局', '部门', '钱明', '0573-85012345'], ['新埭镇', '镇街', '', ''], ['农业农村局', '', '陆主任', '']]));
    expect(ok.body).toEqual({ created: 2, updated: 1, skipped: 0 });
    const [town] = await database.db.select().from(units).where(eq(units.name, '新埭镇'));
    expect(town!.kind).toBe('town');
    const [nongye] = await database.db.select().from(units).where(eq(units.id, w.units.nongye));
    expect(decryptField(nongye!.contactName)).toBe('陆主任');
    expect((await staff.post('/api/v1/rosters/units/commit', bad)).status).toBe(403);
  });
});

describe('账户名册', () => {
  const HEADER = ['用户名', '姓名', '角色', '所属单位', '所属团体', '所属机关', '手机'];

  it('opens accounts with a first password to change, skips existing usernames, refuses bad rows', async () => {
    const bad = await file([HEADER, ['nongye2', '钱伟（农业农村局）', '承办单位', '', '', '', ''], ['boss', '管理员', '系统管理员、提案委', '', '', '', ''], ['x', '某人', '委员', '', '', '', ''], ['t_other_staff', '别人', '提案委', '', '', '', '']]);
    const preview = await secadmin.post('/api/v1/rosters/accounts/preview', bad);
    expect(preview.body.errors.map((e: { message: string }) => e.message)).toEqual([
      '第2行：承办单位账户须填写所属单位',
      '第3行：系统管理员、安全管理员、审计管理员须单独设置，不能兼任其他角色',
      '第4行：用户名须为3到32位字母、数字、下划线、点或连字符',
      '第5行：用户名「t_other_staff」已被使用',
    ]);
    const weak = await secadmin.post('/api/v1/rosters/accounts/commit', { ...bad, initialPassword: 'short' });
    expect(weak.body.details[0].path).toBe('body.initialPassword');

    const good = await file([
      HEADER,
      ['nongye2', '钱伟（农业农村局）', '承办单位', '农业农村局', '', '', '13800001111'],
      ['xl_staff', '选联工委干部', '提案委', '', '', '人大', ''],
      ['t_member', '王建国', '委员', '', '', '', ''],
    ]);
    const r = await secadmin.post('/api/v1/rosters/accounts/commit', { ...good, initialPassword: 'Start@2026pw' });
    expect(r.status).toBe(200);
    // Both accounts read proposals: 三员分立 files them for a second administrator, as one by one.
    expect(r.body).toEqual({ created: 0, updated: 0, skipped: 1, pending: 2 });
    expect(await database.db.select().from(users).where(eq(users.username, 'nongye2'))).toEqual([]);
    const requests = (await sysadmin.get('/api/v1/admin-requests')).body.items.filter((i: { kind: string; status: string }) => i.kind === 'create_user' && i.status === 'pending');
    expect(requests).toHaveLength(2);
    for (const q of requests) expect((await sysadmin.post(`/api/v1/admin-requests/${q.id}/approve`, {})).status).toBe(200);
    const [u] = await database.db.select().from(users).where(eq(users.username, 'nongye2'));
    expect(u).toMatchObject({ roles: ['unit'], unitId: w.units.nongye, mustChangePassword: true, tenantId: w.tenantId });
    const [x] = await database.db.select().from(users).where(eq(users.username, 'xl_staff'));
    expect(x).toMatchObject({ roles: ['staff'], organ: 'npc' });
    const signIn = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nongye2', password: 'Start@2026pw' } });
    expect(signIn.json().mustChangePassword).toBe(true);
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'user.import'));
    expect(JSON.stringify(audit!.after)).not.toContain('13800001111');
    expect(JSON.stringify(audit!.after)).not.toContain('Start@2026pw');
    expect((await sysadmin.post('/api/v1/rosters/accounts/preview', good)).status).toBe(403);
  });
});

async function cookieOf(username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Test@pass2026' } });
  return `duban_sid=${res.cookies.find((c) => c.name === 'duban_sid')!.value}`;
}
