import { HISTORY_LAYOUT } from '../../../shared/imports/layouts.js';
import { fileResponse } from '../../../shared/schemas/documents.js';
import { historyImportBody, historyPreview, historyResult } from '../../../shared/schemas/imports.js';
import { commitHistory, previewHistory } from '../../domain/history/commit-history.js';
import { buildTemplate } from '../../imports/workbook.js';
import { actorOf, type App } from '../types.js';
import { IMPORT_BODY_LIMIT } from '../upload.js';
import { RATE_LIMITS } from '../plugins/limits.js';
import { sendXlsx } from './rosters.js';

export const HISTORY_NOTES = [
  '一个文件可含一个或多个往届届次：「届次」表每行一个届次，「提案」「答复」「测评」表用“届次名称”对应。带*的列必填。',
  '「提案」表每行一件提案（建议），保留印发的编号；不立案的不填编号，审查结果填“作为来信处理”或“转社情民意”；并案的在“并入编号”填主提案编号。',
  '主办单位填一个单位；分办的填多个单位（顿号分隔），不设会办单位。单位名录中没有的单位和名册中没有的提案人在导入时新增，请先核对预览中的名单。',
  '「答复」表每行一份答复函：主办单位或各分办单位，类别A、B、C，重新办理后的答复轮次填2。「测评」表每行一个被测评单位（主办、会办、分办各一行）。',
  '导入的届次为往届（非当前届次），导入后统计、单位排名和历年对比即包含该届次。任何一行有错误时不导入任何内容。',
];

// 历史届次导入 (提案委): template, preview, commit.
export async function historyRoutes(app: App) {
  const tags = ['历史届次导入'];
  app.get('/history-import/template.xlsx', {
    config: { access: ['staff'], rateLimit: RATE_LIMITS.export },
    schema: { tags, summary: '下载往届提案数据导入模板（届次、提案、答复、测评四张表）', response: { 200: fileResponse } },
  }, async (_req, reply) => sendXlsx(reply, await buildTemplate(HISTORY_LAYOUT, HISTORY_NOTES), '往届提案数据导入模板.xlsx'));

  app.post('/history-import/preview', {
    bodyLimit: IMPORT_BODY_LIMIT,
    config: { access: ['staff'] },
    schema: { tags, summary: '往届数据导入预览（逐表逐行检查，不保存）', body: historyImportBody, response: { 200: historyPreview } },
  }, async (req) => app.db.transaction((tx) => previewHistory(tx, actorOf(req), req.body, app.now())));

  app.post('/history-import/commit', {
    bodyLimit: IMPORT_BODY_LIMIT,
    config: { access: ['staff'] },
    schema: { tags, summary: '确认导入往届数据（保留原编号；任何一行有错误则不导入）', body: historyImportBody, response: { 200: historyResult } },
  }, async (req) => app.db.transaction((tx) => commitHistory(tx, actorOf(req), req.body, app.now())));
}
