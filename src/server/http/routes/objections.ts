import { listObjectionsQuery, objectionPage } from '../../../shared/schemas/objections.js';
import { listObjections } from '../../domain/read-objections.js';
import { actorOf, type App } from '../types.js';

// 调整申请: the office (督查室) and the committee read the requests they decide; the decision itself
// is POST /proposals/:id/objections/:assignmentId/decide (routes/handling.ts).
export async function objectionsRoutes(app: App) {
  app.get('/objections', {
    config: { access: ['office', 'staff'] },
    schema: { tags: ['提案办理'], summary: '待审定的调整申请', querystring: listObjectionsQuery, response: { 200: objectionPage } },
  }, async (req) => listObjections(app.db, actorOf(req), req.query));
}
