import { z } from 'zod';
import {
  bodyOut,
  calendarOut,
  calendarQuery,
  createBodyBody,
  createLeaderBody,
  createMemberBody,
  createSessionBody,
  createUnitBody,
  leaderOut,
  memberOut,
  memberQuery,
  putCalendarBody,
  sessionOut,
  unitOut,
  updateBodyBody,
  updateLeaderBody,
  updateMemberBody,
  updateSessionBody,
  updateUnitBody,
  yearParam,
} from '../../../shared/schemas/admin.js';
import { idParam, pageOf } from '../../../shared/schemas/common.js';
import {
  getSession,
  listBodies,
  listLeaders,
  listMembers,
  listSessions,
  listUnits,
  presentBody,
  presentLeader,
  presentMember,
  presentSession,
  presentUnit,
} from '../../domain/lookups.js';
import { createUnit, updateUnit } from '../../domain/save-unit.js';
import { createBody, updateBody } from '../../domain/save-body.js';
import { createMember, updateMember } from '../../domain/save-member.js';
import { createLeader, updateLeader } from '../../domain/save-leader.js';
import { createSession, updateSession } from '../../domain/save-session.js';
import { calendarYear, saveCalendarYear } from '../../domain/save-calendar-year.js';
import { actorOf, type App } from '../types.js';
import { accountRoutes } from './admin-accounts.js';

// Reference data kept by the 系统管理员 (三员分立): every signed-in user reads it (pickers need
// it), only the 系统管理员 writes it. Accounts and the audit log live in admin-accounts.ts.
export async function adminRoutes(app: App) {
  const sysadmin = { access: ['sysadmin'] as const };
  const anyone = { access: 'authenticated' as const };
  const tags = ['系统管理'];

  app.get('/units', { config: anyone, schema: { tags, summary: '承办单位列表', response: { 200: z.array(unitOut) } } },
    async (req) => listUnits(app.db, actorOf(req).tenantId));
  app.post('/units', { config: sysadmin, schema: { tags, summary: '新增承办单位', body: createUnitBody, response: { 201: unitOut } } },
    async (req, reply) => reply.code(201).send(presentUnit(await app.db.transaction((tx) => createUnit(tx, actorOf(req), req.body)))));
  app.patch('/units/:id', { config: sysadmin, schema: { tags, summary: '修改承办单位', params: idParam, body: updateUnitBody, response: { 200: unitOut } } },
    async (req) => presentUnit(await app.db.transaction((tx) => updateUnit(tx, actorOf(req), req.params.id, req.body))));

  app.get('/bodies', { config: anyone, schema: { tags, summary: '党派团体列表', response: { 200: z.array(bodyOut) } } },
    async (req) => listBodies(app.db, actorOf(req).tenantId));
  app.post('/bodies', { config: sysadmin, schema: { tags, summary: '新增党派团体', body: createBodyBody, response: { 201: bodyOut } } },
    async (req, reply) => reply.code(201).send(presentBody(await app.db.transaction((tx) => createBody(tx, actorOf(req), req.body)))));
  app.patch('/bodies/:id', { config: sysadmin, schema: { tags, summary: '修改党派团体', params: idParam, body: updateBodyBody, response: { 200: bodyOut } } },
    async (req) => presentBody(await app.db.transaction((tx) => updateBody(tx, actorOf(req), req.params.id, req.body))));

  app.get('/members', { config: anyone, schema: { tags, summary: '委员/代表列表', querystring: memberQuery, response: { 200: pageOf(memberOut) } } },
    async (req) => listMembers(app.db, actorOf(req), req.query));
  app.post('/members', { config: sysadmin, schema: { tags, summary: '新增委员/代表', body: createMemberBody, response: { 201: memberOut } } },
    async (req, reply) => reply.code(201).send(presentMember(await app.db.transaction((tx) => createMember(tx, actorOf(req), req.body)), true)));
  app.patch('/members/:id', { config: sysadmin, schema: { tags, summary: '修改委员/代表', params: idParam, body: updateMemberBody, response: { 200: memberOut } } },
    async (req) => presentMember(await app.db.transaction((tx) => updateMember(tx, actorOf(req), req.params.id, req.body)), true));

  app.get('/leaders', { config: anyone, schema: { tags, summary: '督办领导列表', response: { 200: z.array(leaderOut) } } },
    async (req) => listLeaders(app.db, actorOf(req).tenantId));
  app.post('/leaders', { config: sysadmin, schema: { tags, summary: '新增督办领导', body: createLeaderBody, response: { 201: leaderOut } } },
    async (req, reply) => reply.code(201).send(presentLeader(await app.db.transaction((tx) => createLeader(tx, actorOf(req), req.body)))));
  app.patch('/leaders/:id', { config: sysadmin, schema: { tags, summary: '修改督办领导', params: idParam, body: updateLeaderBody, response: { 200: leaderOut } } },
    async (req) => presentLeader(await app.db.transaction((tx) => updateLeader(tx, actorOf(req), req.params.id, req.body))));

  app.get('/sessions', { config: anyone, schema: { tags, summary: '届次会议列表', response: { 200: z.array(sessionOut) } } },
    async (req) => listSessions(app.db, actorOf(req)));
  app.get('/sessions/:id', { config: anyone, schema: { tags, summary: '届次会议及期限设置', params: idParam, response: { 200: sessionOut } } },
    async (req) => getSession(app.db, actorOf(req), req.params.id));
  app.post('/sessions', { config: sysadmin, schema: { tags, summary: '新增届次会议', body: createSessionBody, response: { 201: sessionOut } } },
    async (req, reply) => reply.code(201).send(presentSession(await app.db.transaction((tx) => createSession(tx, actorOf(req), req.body)))));
  app.patch('/sessions/:id', { config: sysadmin, schema: { tags, summary: '修改届次会议及期限设置', params: idParam, body: updateSessionBody, response: { 200: sessionOut } } },
    async (req) => presentSession(await app.db.transaction((tx) => updateSession(tx, actorOf(req), req.params.id, req.body))));

  app.get('/calendar', { config: anyone, schema: { tags, summary: '工作日历：节假日与调休上班日', querystring: calendarQuery, response: { 200: calendarOut } } },
    async (req) => calendarYear(app.db, actorOf(req).tenantId, req.query.year));
  app.put('/calendar/:year', { config: sysadmin, schema: { tags, summary: '替换某年的节假日与调休上班日', params: yearParam, body: putCalendarBody, response: { 200: calendarOut } } },
    async (req) => app.db.transaction((tx) => saveCalendarYear(tx, actorOf(req), req.params.year, req.body)));

  await app.register(accountRoutes);
}
