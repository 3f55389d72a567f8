import { idParam } from '../../../shared/schemas/common.js';
import { figures } from '../../../shared/schemas/figures.js';
import { computeFigures } from '../../domain/compute-figures.js';
import { chinaDay } from '../../clock.js';
import { actorOf, type App } from '../types.js';

// The public twin of this route is GET /public/sessions/:id/figures; both call computeFigures.
export async function figuresRoutes(app: App) {
  app.get('/sessions/:id/figures', {
    config: { access: ['staff', 'office', 'leader'] },
    schema: { tags: ['统计'], summary: '届次会议提案工作数据（收到、立案、立案率、并案、重点提案、ABC、满意率、按时办复率、见面率）', params: idParam, response: { 200: figures } },
  }, async (req) => {
    const actor = actorOf(req);
    return app.db.transaction((tx) => computeFigures(tx, actor.tenantId, req.params.id, chinaDay(app.now())));
  });
}
