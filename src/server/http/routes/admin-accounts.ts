import {
  auditEntryOut,
  auditQuery,
  createUserBody,
  resetPasswordBody,
  updateUserBody,
  userOut,
  userQuery,
} from '../../../shared/schemas/admin.js';
import { idParam, pageOf } from '../../../shared/schemas/common.js';
import { pendingApprovalOut, type AdminRequestOut } from '../../../shared/schemas/security.js';
import { getUser, listUsers } from '../../domain/list-users.js';
import { createUser } from '../../domain/create-user.js';
import { updateUser } from '../../domain/update-user.js';
import { resetPassword } from '../../domain/reset-password.js';
import { resetSecondFactor } from '../../domain/reset-second-factor.js';
import { unlockUser } from '../../domain/unlock-user.js';
import { searchAudit } from '../../domain/search-audit.js';
import { actorOf, type App } from '../types.js';

// 三员分立: accounts belong to the 安全管理员, the audit log to the 审计管理员; neither sees
// proposal content. A write that needs a second administrator (two-person rule) answers 202 with
// the request it filed instead of the account.
export async function accountRoutes(app: App) {
  const secadmin = { access: ['secadmin'] as const };
  const tags = ['账户管理'];
  const pending = (request: AdminRequestOut) => ({ pendingApproval: true as const, request });

  app.get('/users', { config: secadmin, schema: { tags, summary: '用户列表', querystring: userQuery, response: { 200: pageOf(userOut) } } },
    async (req) => listUsers(app.db, actorOf(req).tenantId, req.query, app.now()));
  app.get('/users/:id', { config: secadmin, schema: { tags, summary: '用户详情', params: idParam, response: { 200: userOut } } },
    async (req) => getUser(app.db, actorOf(req).tenantId, req.params.id, app.now()));

  app.post('/users', {
    config: secadmin,
    schema: {
      tags,
      summary: '新建用户（首次登录须修改密码）；可阅提案内容的角色或管理员角色须另一位管理员审批（202）',
      body: createUserBody,
      response: { 201: userOut, 202: pendingApprovalOut },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const r = await app.db.transaction((tx) => createUser(tx, actor, req.body, app.now()));
    if (r.pending) return reply.code(202).send(pending(r.pending));
    return reply.code(201).send(await getUser(app.db, actor.tenantId, r.user.id, app.now()));
  });

  app.patch('/users/:id', {
    config: secadmin,
    schema: {
      tags,
      summary: '修改用户：姓名、角色、单位、启用；授予可阅提案内容的角色等须审批（202）',
      params: idParam,
      body: updateUserBody,
      response: { 200: userOut, 202: pendingApprovalOut },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const r = await app.db.transaction((tx) => updateUser(tx, actor, req.params.id, req.body, app.now()));
    if (r.pending) return reply.code(202).send(pending(r.pending));
    return getUser(app.db, actor.tenantId, req.params.id, app.now());
  });

  app.post('/users/:id/reset-password', {
    config: secadmin,
    schema: {
      tags,
      summary: '重置密码（下次登录须修改）；管理员账户须另一位管理员审批（202）',
      params: idParam,
      body: resetPasswordBody,
      response: { 200: userOut, 202: pendingApprovalOut },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const r = await app.db.transaction((tx) => resetPassword(tx, actor, req.params.id, req.body.newPassword, app.now()));
    if (r.pending) return reply.code(202).send(pending(r.pending));
    return getUser(app.db, actor.tenantId, req.params.id, app.now());
  });

  app.post('/users/:id/reset-second-factor', {
    config: secadmin,
    schema: {
      tags,
      summary: '重置双重验证（手机丢失且无恢复码）；管理员账户须另一位管理员审批（202）',
      params: idParam,
      response: { 200: userOut, 202: pendingApprovalOut },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const r = await app.db.transaction((tx) => resetSecondFactor(tx, actor, req.params.id, app.now()));
    if (r.pending) return reply.code(202).send(pending(r.pending));
    return getUser(app.db, actor.tenantId, req.params.id, app.now());
  });

  app.post('/users/:id/unlock', { config: secadmin, schema: { tags, summary: '解除账户锁定（所有地址）', params: idParam, response: { 200: userOut } } },
    async (req) => {
      const actor = actorOf(req);
      await app.db.transaction((tx) => unlockUser(tx, actor, req.params.id, app.now()));
      return getUser(app.db, actor.tenantId, req.params.id, app.now());
    });

  app.get('/audit', { config: { access: ['auditor'] }, schema: { tags: ['审计'], summary: '审计日志（最新在前）', querystring: auditQuery, response: { 200: pageOf(auditEntryOut) } } },
    async (req) => searchAudit(app.db, actorOf(req).tenantId, req.query));
}
