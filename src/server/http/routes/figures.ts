import { idParam } from '../../../shared/schemas/common.js';
import { figures, unitStats, unitStatsQuery } from '../../../shared/schemas/figures.js';
import { computeFigures } from '../../domain/compute-figures.js';
import { computeUnitStats } from '../../domain/compute-unit-stats.js';
import { chinaDay } from '../../clock.js';
import { getVisibleSession } from '../../domain/proposal-access.js';
import { actorOf, type App } from '../types.js';

// The public twin of this route is GET /public/sessions/:id/figures; both call computeFigures.
export async function figuresRoutes(app: App) {
  app.get('/sessions/:id/figures', {
    config: { access: ['staff', 'office', 'leader'] },
    schema: { tags: ['统计'], summary: '届次会议提案工作数据（收到、立案、立案率、并案、重点提案、ABC、满意率、按时办复率、见面率）', params: idParam, response: { 200: figures } },
  }, async (req) => {
    const actor = actorOf(req);
    return app.reader(req).transaction(async (tx) => {
      const s = await getVisibleSession(tx, actor, req.params.id);
      return computeFigures(tx, s.tenantId, s.id, chinaDay(app.now()));
    });
  });

  app.get('/sessions/:id/unit-stats', {
    config: { access: ['staff', 'office', 'leader'] },
    schema: { tags: ['统计'], summary: '届次会议各承办单位办理情况（交办、答复、按时办复率、平均办复工作日、ABC、满意率、见面率、逾期；可排序）', params: idParam, querystring: unitStatsQuery, response: { 200: unitStats } },
  }, async (req) => {
    const actor = actorOf(req);
    return app.reader(req).transaction(async (tx) => {
      const s = await getVisibleSession(tx, actor, req.params.id);
      return computeUnitStats(tx, s.tenantId, s.id, chinaDay(app.now()), req.query.sort);
    });
  });
}
