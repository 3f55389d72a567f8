import { idParam } from '../../../shared/schemas/common.js';
import {
  followUpBody,
  instruction,
  instructionBody,
  instructionList,
  joint,
  jointActivity,
  jointAnswerBody,
  jointInviteBody,
  jointLeadersBody,
  jointList,
  jointView,
  leaderSupervision,
  meeting,
  meetingAttachment,
  meetingBody,
  meetingList,
  oversight,
  proposalIdQuery,
  supervisionFigures,
  tenantAdminBody,
  tenantAdminOut,
  tenantBody,
  tenantList,
  tenantOut,
  tenantPatch,
} from '../../../shared/schemas/supervision.js';
import { fileResponse } from '../../../shared/schemas/documents.js';
import { supervisionActivityBody } from '../../../shared/schemas/key-proposals.js';
import { chinaDay } from '../../clock.js';
import { getVisibleSession } from '../../domain/proposal-access.js';
import { createMeeting, getMeeting, listMeetingsOf } from '../../domain/supervision/meetings.js';
import { createInstruction, followUpInstruction, listInstructionsOf } from '../../domain/supervision/instructions.js';
import { readLeaderSupervision } from '../../domain/supervision/leader-page.js';
import { addJointActivity, answerJoint, inviteJoint, listJoints, readJoint, setJointLeaders, withdrawJoint } from '../../domain/supervision/joint.js';
import { computeSupervisionFigures } from '../../domain/supervision/figures.js';
import { readSupervisionReview } from '../../domain/supervision/review.js';
import { readOversight } from '../../domain/supervision/oversight.js';
import { createTenant, createTenantAdministrator, listTenants, updateTenant } from '../../domain/supervision/tenants.js';
import { buildSupervisionReview, supervisionReviewTitle } from '../../documents/supervision-review.js';
import { contentDisposition } from '../../domain/add-attachment.js';
import { RATE_LIMITS } from '../plugins/limits.js';
import { attachmentParams } from '../../../shared/schemas/attachment.js';
import { addMeetingAttachment, reachMeeting, readMeetingAttachment } from '../../domain/supervision/meeting-attachments.js';
import { openStored, removeStored, storedFileResponse } from '../../files/file-store.js';
import { receiveUpload, UPLOAD_BODY_LIMIT } from '../upload.js';
import { actorOf, type App } from '../types.js';

// Leaders' supervision (issue 15). Every route here that reads or writes across tenants (a jointly
// supervised proposal of the other level) writes an audit row in the owning tenant, so each runs
// on the primary (app.db), never on the read replica.
const SUPERVISORS = ['staff', 'office', 'leader'] as const;
const READERS = ['staff', 'office', 'leader', 'unit'] as const;
const tags = ['领导督办'];

export async function supervisionRoutes(app: App) {
  // ---- meetings ----
  app.post('/supervision-meetings', {
    config: { access: SUPERVISORS },
    schema: { tags, summary: '登记督办会议（专题协商会、现场督办、座谈会；可涉及多件重点提案，附领导批示）', body: meetingBody, response: { 201: meeting } },
  }, async (req, reply) => reply.code(201).send(await app.db.transaction((tx) => createMeeting(tx, actorOf(req), req.body, app.now()))));

  app.get('/supervision-meetings', {
    config: { access: READERS },
    schema: { tags, summary: '某件重点提案的督办会议', querystring: proposalIdQuery, response: { 200: meetingList } },
  }, async (req) => ({ items: await app.db.transaction((tx) => listMeetingsOf(tx, actorOf(req), req.query.proposalId)) }));

  app.get('/supervision-meetings/:id', {
    config: { access: READERS },
    schema: { tags, summary: '督办会议详情（含纪要与领导批示）', params: idParam, response: { 200: meeting } },
  }, async (req) => app.db.transaction((tx) => getMeeting(tx, actorOf(req), req.params.id)));

  app.post('/supervision-meetings/:id/attachments/upload', {
    config: { access: SUPERVISORS },
    bodyLimit: UPLOAD_BODY_LIMIT,
    schema: { tags, summary: '上传会议纪要、照片（multipart/form-data，字段 file；最大20MB）', consumes: ['multipart/form-data'], params: idParam, response: { 201: meetingAttachment } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const up = await receiveUpload(req, () => app.db.transaction((tx) => reachMeeting(tx, actor, req.params.id, 'write')));
    try {
      return reply.code(201).send(await app.db.transaction((tx) => addMeetingAttachment(tx, actor, req.params.id, up)));
    } catch (e) {
      await removeStored(up.stored.storagePath);
      throw e;
    }
  });

  app.get('/supervision-meetings/:id/attachments/:attachmentId', {
    config: { access: READERS, auditDownload: { action: 'supervision.meeting_attachment_download', entityType: 'supervision_meeting' } },
    schema: { tags, summary: '下载会议纪要、照片', params: attachmentParams, response: { 200: storedFileResponse } },
  }, async (req, reply) => {
    const a = await app.db.transaction((tx) => readMeetingAttachment(tx, actorOf(req), req.params.id, req.params.attachmentId));
    return reply
      .header('content-type', a.mimeType)
      .header('content-disposition', contentDisposition(a.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('content-length', a.size)
      .header('cache-control', 'private, no-store')
      .send(openStored(a));
  });

  // ---- instructions ----
  app.post('/supervision-instructions', {
    config: { access: SUPERVISORS },
    schema: { tags, summary: '登记领导批示（督办领导登记本人批示；提案委、督查室代为登记）', body: instructionBody, response: { 201: instruction } },
  }, async (req, reply) => reply.code(201).send(await app.db.transaction((tx) => createInstruction(tx, actorOf(req), req.body, app.now()))));

  app.get('/supervision-instructions', {
    config: { access: READERS },
    schema: { tags, summary: '某件重点提案的领导批示及落实情况', querystring: proposalIdQuery, response: { 200: instructionList } },
  }, async (req) => ({ items: await app.db.transaction((tx) => listInstructionsOf(tx, actorOf(req), req.query.proposalId)) }));

  app.post('/supervision-instructions/:id/follow-up', {
    config: { access: ['staff', 'office', 'unit'] },
    schema: { tags, summary: '反馈领导批示落实情况', params: idParam, body: followUpBody, response: { 200: instruction } },
  }, async (req) => app.db.transaction((tx) => followUpInstruction(tx, actorOf(req), req.params.id, req.body.response, app.now())));

  // ---- the leader's page ----
  app.get('/leaders/:id/supervision', {
    config: { access: SUPERVISORS },
    schema: { tags, summary: '督办领导的督办会议和批示（本人，或本级提案委、督查室）', params: idParam, response: { 200: leaderSupervision } },
  }, async (req) => app.db.transaction((tx) => readLeaderSupervision(tx, actorOf(req), req.params.id)));

  // ---- figures and the 督办综述 ----
  app.get('/sessions/:id/supervision-figures', {
    config: { access: SUPERVISORS },
    schema: { tags, summary: '领导督办数据（按机关、按领导、两级联合督办）', params: idParam, response: { 200: supervisionFigures } },
  }, async (req) => app.db.transaction(async (tx) => computeSupervisionFigures(tx, await getVisibleSession(tx, actorOf(req), req.params.id))));

  app.get('/sessions/:id/documents/supervision-review.docx', {
    config: { access: SUPERVISORS, rateLimit: RATE_LIMITS.document, exclusive: 'document', auditDownload: { action: 'document.supervision_review', entityType: 'session' } },
    schema: { tags, summary: '督办综述（Word）：每次督办会议的主持、出席领导、单位汇报、委员意见、议定事项，及两级联合督办数', params: idParam, response: { 200: fileResponse } },
  }, async (req, reply) => {
    const review = await app.db.transaction((tx) => readSupervisionReview(tx, actorOf(req), req.params.id));
    const buffer = await buildSupervisionReview(review);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', contentDisposition(`${supervisionReviewTitle(review)}.docx`))
      .header('cache-control', 'private, no-store')
      .send(buffer);
  });

  // ---- 两级联合督办 ----
  app.get('/joint-supervisions', {
    config: { access: SUPERVISORS },
    schema: { tags, summary: '两级联合督办一览（本级发起的，与上级收到的）', response: { 200: jointList } },
  }, async (req) => ({ items: await app.db.transaction((tx) => listJoints(tx, actorOf(req))) }));

  app.post('/joint-supervisions', {
    config: { access: ['staff'] },
    schema: { tags, summary: '邀请上级联合督办本级重点提案', body: jointInviteBody, response: { 201: joint } },
  }, async (req, reply) => reply.code(201).send(await app.db.transaction((tx) => inviteJoint(tx, actorOf(req), req.body.proposalId, req.body.note, app.now()))));

  app.get('/joint-supervisions/:id', {
    config: { access: SUPERVISORS },
    schema: { tags, summary: '联合督办的提案、办理和督办记录（两级可见）', params: idParam, response: { 200: jointView } },
  }, async (req) => app.db.transaction((tx) => readJoint(tx, actorOf(req), req.params.id)));

  app.post('/joint-supervisions/:id/accept', {
    config: { access: ['staff'] },
    schema: { tags, summary: '上级确认联合督办', params: idParam, body: jointAnswerBody, response: { 200: joint } },
  }, async (req) => app.db.transaction((tx) => answerJoint(tx, actorOf(req), req.params.id, true, req.body.note, app.now())));

  app.post('/joint-supervisions/:id/decline', {
    config: { access: ['staff'] },
    schema: { tags, summary: '上级谢绝联合督办', params: idParam, body: jointAnswerBody, response: { 200: joint } },
  }, async (req) => app.db.transaction((tx) => answerJoint(tx, actorOf(req), req.params.id, false, req.body.note, app.now())));

  app.post('/joint-supervisions/:id/withdraw', {
    config: { access: ['staff'] },
    schema: { tags, summary: '撤回邀请或结束联合督办（发起方）', params: idParam, response: { 200: joint } },
  }, async (req) => app.db.transaction((tx) => withdrawJoint(tx, actorOf(req), req.params.id)));

  app.put('/joint-supervisions/:id/leaders', {
    config: { access: ['staff'] },
    schema: { tags, summary: '上级指定本级督办领导（替换上级一方的领导）', params: idParam, body: jointLeadersBody, response: { 200: joint } },
  }, async (req) => app.db.transaction((tx) => setJointLeaders(tx, actorOf(req), req.params.id, req.body.leaderIds)));

  app.post('/joint-supervisions/:id/activities', {
    config: { access: SUPERVISORS },
    schema: { tags, summary: '登记督办活动（两级均可，上级登记的记入本提案所属地区）', params: idParam, body: supervisionActivityBody, response: { 201: jointActivity } },
  }, async (req, reply) => reply.code(201).send(await app.db.transaction((tx) => addJointActivity(tx, actorOf(req), req.params.id, req.body, app.now()))));

  // ---- a parent's overview ----
  app.get('/oversight', {
    config: { access: ['staff', 'office'] },
    schema: { tags, summary: '下级概览（只读：届次数据、重点提案、逾期；不含个人信息）', response: { 200: oversight } },
  }, async (req) => app.db.transaction((tx) => readOversight(tx, actorOf(req), chinaDay(app.now()))));

  // ---- the platform's tenants ----
  app.get('/platform/tenants', {
    config: { access: 'platform' },
    schema: { tags: ['平台管理'], summary: '单位（租户）一览', response: { 200: tenantList } },
  }, async () => ({ items: await app.db.transaction((tx) => listTenants(tx)) }));

  app.post('/platform/tenants', {
    config: { access: 'platform' },
    schema: { tags: ['平台管理'], summary: '新建单位（省、市、区、县及其上级）', body: tenantBody, response: { 201: tenantOut } },
  }, async (req, reply) => reply.code(201).send(await app.db.transaction((tx) => createTenant(tx, actorOf(req), req.body))));

  app.patch('/platform/tenants/:id', {
    config: { access: 'platform' },
    schema: { tags: ['平台管理'], summary: '修改单位（名称、上级、停用）', params: idParam, body: tenantPatch, response: { 200: tenantOut } },
  }, async (req) => app.db.transaction((tx) => updateTenant(tx, actorOf(req), req.params.id, req.body)));

  app.post('/platform/tenants/:id/administrators', {
    config: { access: 'platform', skipIdempotency: true },
    schema: { tags: ['平台管理'], summary: '为单位创建首位系统/安全/审计管理员（一次性初始密码）', params: idParam, body: tenantAdminBody, response: { 201: tenantAdminOut } },
  }, async (req, reply) => reply.code(201).send(await app.db.transaction((tx) => createTenantAdministrator(tx, actorOf(req), req.params.id, req.body, app.now()))));
}
