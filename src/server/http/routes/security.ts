import { idParam, pageOf } from '../../../shared/schemas/common.js';
import {
  adminRequestOut,
  adminRequestQuery,
  alertPage,
  alertQuery,
  decideRequestBody,
  securitySettingsBody,
  securitySettingsOut,
} from '../../../shared/schemas/security.js';
import { okResponse } from '../../../shared/schemas/common.js';
import { loadSecuritySettings } from '../../auth/policy.js';
import { saveSecuritySettings } from '../../domain/save-security-settings.js';
import { approveRequest, listRequests, rejectRequest } from '../../domain/decide-request.js';
import { listAlerts, markAlertRead } from '../../domain/security-alerts.js';
import { actorOf, type App } from '../types.js';

// 三员分立: the 安全管理员's settings, the two-person rule's requests (decided by a 系统管理员 or
// another 安全管理员), and the 审计管理员's alert list.
export async function securityRoutes(app: App) {
  const approvers = { access: ['sysadmin', 'secadmin'] as const };

  app.get('/security-settings', {
    config: { access: ['secadmin'] },
    schema: { tags: ['安全设置'], summary: '本单位的登录安全设置', response: { 200: securitySettingsOut } },
  }, async (req) => loadSecuritySettings(app.db, actorOf(req).tenantId));

  app.put('/security-settings', {
    config: { access: ['secadmin'] },
    schema: { tags: ['安全设置'], summary: '修改登录安全设置（双重验证角色、会话数、密码有效期）', body: securitySettingsBody, response: { 200: securitySettingsOut } },
  }, async (req) => app.db.transaction((tx) => saveSecuritySettings(tx, actorOf(req), req.body, app.now())));

  app.get('/admin-requests', {
    config: approvers,
    schema: { tags: ['双人审批'], summary: '待审批与已处理的管理申请', querystring: adminRequestQuery, response: { 200: pageOf(adminRequestOut) } },
  }, async (req) => listRequests(app.db, actorOf(req), req.query));

  app.post('/admin-requests/:id/approve', {
    config: approvers,
    schema: { tags: ['双人审批'], summary: '批准（须为提出人以外、且不涉及本人账户的管理员）', params: idParam, body: decideRequestBody, response: { 200: adminRequestOut } },
  }, async (req) => app.db.transaction((tx) => approveRequest(tx, actorOf(req), req.params.id, req.body.note, app.now())));

  app.post('/admin-requests/:id/reject', {
    config: approvers,
    schema: { tags: ['双人审批'], summary: '驳回（提出人可撤回）', params: idParam, body: decideRequestBody, response: { 200: adminRequestOut } },
  }, async (req) => app.db.transaction((tx) => rejectRequest(tx, actorOf(req), req.params.id, req.body.note, app.now())));

  app.get('/security-alerts', {
    config: { access: ['auditor'] },
    schema: { tags: ['审计'], summary: '安全告警（授权、管理员重置、锁定等）', querystring: alertQuery, response: { 200: alertPage } },
  }, async (req) => listAlerts(app.db, actorOf(req).tenantId, req.query));

  app.post('/security-alerts/:id/read', {
    config: { access: ['auditor'] },
    schema: { tags: ['审计'], summary: '标记告警为已阅', params: idParam, response: { 200: okResponse } },
  }, async (req) => {
    await app.db.transaction((tx) => markAlertRead(tx, actorOf(req), req.params.id, app.now()));
    return { ok: true as const };
  });
}
