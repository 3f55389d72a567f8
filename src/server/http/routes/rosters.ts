import type { FastifyReply } from 'fastify';
import { ROSTER_LAYOUTS, ROSTER_TITLES, type RosterKind } from '../../../shared/imports/layouts.js';
import type { Role } from '../../../shared/roles.js';
import { fileResponse } from '../../../shared/schemas/documents.js';
import {
  accountRosterCommitBody,
  accountRosterPreviewBody,
  memberRosterBody,
  rosterPreview,
  rosterResult,
  unitRosterBody,
} from '../../../shared/schemas/imports.js';
import { contentDisposition } from '../../domain/add-attachment.js';
import { commitAccountRoster, previewAccountRoster } from '../../domain/rosters/account-roster.js';
import { commitMemberRoster, previewMemberRoster } from '../../domain/rosters/member-roster.js';
import { commitUnitRoster, previewUnitRoster } from '../../domain/rosters/unit-roster.js';
import { buildTemplate } from '../../imports/workbook.js';
import { IMPORT_BODY_LIMIT } from '../upload.js';
import { RATE_LIMITS } from '../plugins/limits.js';
import { actorOf, type App } from '../types.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function sendXlsx(reply: FastifyReply, content: Buffer, fileName: string) {
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', contentDisposition(fileName))
    .header('content-length', content.length)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(content);
}

// 三员分立: members and units are reference data of the 系统管理员, accounts belong to the 安全管理员.
const KEEPER: Record<RosterKind, Role> = { members: 'sysadmin', units: 'sysadmin', accounts: 'secadmin' };

const NOTES: Record<RosterKind, string[]> = {
  members: [
    '每行一位委员或代表；带*的列必填。导入时选择“委员名册”（政协）或“代表名册”（人大）。',
    '名册中已有同名委员（代表）的，按本表更新其界别、党派、工作单位、手机和账号；其余新增。',
    '登录账号须为安全管理员已开设的委员/代表账号；账号列留空则不改变已关联的账号。',
    '任何一行有错误时不导入任何内容，请按预览中的行号修改后重新上传。',
  ],
  units: [
    '每行一个承办单位；带*的列必填。名录中已有同名单位的，更新其类型和联系人；其余新增。',
    '任何一行有错误时不导入任何内容，请按预览中的行号修改后重新上传。',
  ],
  accounts: [
    '每行一个账户；带*的列必填。新账户的初始密码在导入时统一设置，首次登录须修改。',
    '用户名已存在的行跳过，不修改已有账户；系统管理员、安全管理员、审计管理员不能兼任其他角色。',
    '任何一行有错误时不导入任何内容，请按预览中的行号修改后重新上传。',
  ],
};

/** 名册导入: a template, a preview (saves nothing) and a commit (all rows or none) for each roster. */
export async function rosterRoutes(app: App) {
  const tags = ['名册导入'];
  for (const kind of Object.keys(ROSTER_LAYOUTS) as RosterKind[]) {
    app.get(`/rosters/${kind}/template.xlsx`, {
      config: { access: [KEEPER[kind]], rateLimit: RATE_LIMITS.export },
      schema: { tags, summary: `下载${ROSTER_TITLES[kind]}导入模板`, response: { 200: fileResponse } },
    }, async (_req, reply) => sendXlsx(reply, await buildTemplate([ROSTER_LAYOUTS[kind]], NOTES[kind]), `${ROSTER_TITLES[kind]}导入模板.xlsx`));
  }

  app.post('/rosters/members/preview', {
    bodyLimit: IMPORT_BODY_LIMIT,
    config: { access: ['sysadmin'] },
    schema: { tags, summary: '委员/代表名册导入预览（逐行检查，不保存）', body: memberRosterBody, response: { 200: rosterPreview } },
  }, async (req) => app.db.transaction((tx) => previewMemberRoster(tx, actorOf(req), req.body)));
  app.post('/rosters/members/commit', {
    bodyLimit: IMPORT_BODY_LIMIT,
    config: { access: ['sysadmin'] },
    schema: { tags, summary: '确认导入委员/代表名册（任何一行有错误则不导入）', body: memberRosterBody, response: { 200: rosterResult } },
  }, async (req) => app.db.transaction((tx) => commitMemberRoster(tx, actorOf(req), req.body)));

  app.post('/rosters/units/preview', {
    bodyLimit: IMPORT_BODY_LIMIT,
    config: { access: ['sysadmin'] },
    schema: { tags, summary: '承办单位名册导入预览（逐行检查，不保存）', body: unitRosterBody, response: { 200: rosterPreview } },
  }, async (req) => app.db.transaction((tx) => previewUnitRoster(tx, actorOf(req), req.body)));
  app.post('/rosters/units/commit', {
    bodyLimit: IMPORT_BODY_LIMIT,
    config: { access: ['sysadmin'] },
    schema: { tags, summary: '确认导入承办单位名册（任何一行有错误则不导入）', body: unitRosterBody, response: { 200: rosterResult } },
  }, async (req) => app.db.transaction((tx) => commitUnitRoster(tx, actorOf(req), req.body)));

  app.post('/rosters/accounts/preview', {
    bodyLimit: IMPORT_BODY_LIMIT,
    config: { access: ['secadmin'] },
    schema: { tags, summary: '账户名册导入预览（逐行检查，不保存）', body: accountRosterPreviewBody, response: { 200: rosterPreview } },
  }, async (req) => app.db.transaction((tx) => previewAccountRoster(tx, actorOf(req), req.body)));
  app.post('/rosters/accounts/commit', {
    bodyLimit: IMPORT_BODY_LIMIT,
    config: { access: ['secadmin'] },
    schema: { tags, summary: '确认导入账户名册（初始密码首次登录须修改；任何一行有错误则不导入）', body: accountRosterCommitBody, response: { 200: rosterResult } },
  }, async (req) => app.db.transaction((tx) => commitAccountRoster(tx, actorOf(req), req.body, app.now())));
}
