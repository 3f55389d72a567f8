import { auditExportQuery, auditVerifyOut } from '../../../shared/schemas/admin.js';
import { fileResponse } from '../../../shared/schemas/documents.js';
import { contentDisposition } from '../../domain/add-attachment.js';
import { chainOf, verifyAuditChain, type ChainReport } from '../../domain/audit-chain.js';
import { writeAudit } from '../../domain/audit.js';
import { exportAudit } from '../../domain/search-audit.js';
import { auditFileName, buildAuditXlsx } from '../../documents/audit-xlsx.js';
import { tenants } from '../../db/schema.js';
import { eq } from 'drizzle-orm';
import { RATE_LIMITS } from '../plugins/limits.js';
import { actorOf, type App } from '../types.js';

// The 审计管理员's tools beside the log itself: 「校验日志完整性」 recomputes the tamper-evident
// chain and names the first row that does not verify; the export writes any range as .xlsx.
export async function auditRoutes(app: App) {
  const tags = ['审计'];

  app.post('/audit/verify', {
    config: { access: ['auditor'], rateLimit: RATE_LIMITS.export, exclusive: 'export' },
    schema: { tags, summary: '校验日志完整性：重算 HMAC-SM3 链，指出第一条校验不通过的记录', response: { 200: auditVerifyOut } },
  }, async (req) => {
    const actor = actorOf(req);
    const [t] = await app.db.select({ parentId: tenants.parentId }).from(tenants).where(eq(tenants.id, actor.tenantId));
    // A top-level tenant's auditor also answers for the platform's chain (sign-ins by unknown names).
    const chains = [chainOf(actor.tenantId), ...(t?.parentId === null ? [chainOf(null)] : [])];
    const reports: ChainReport[] = [];
    for (const c of chains) reports.push(await verifyAuditChain(app.db, c));
    const ok = reports.every((r) => r.ok);
    await app.db.transaction((tx) =>
      writeAudit(tx, actor, {
        action: 'audit.verify',
        entityType: 'audit_log',
        after: { ok, chains: reports.map((r) => ({ chain: r.chain, ok: r.ok, checked: r.checked, firstBad: r.firstBad?.seq ?? null })) },
      }),
    );
    return { ok, checkedAt: app.now().toISOString(), chains: reports };
  });

  app.get('/audit/export.xlsx', {
    config: { access: ['auditor'], rateLimit: RATE_LIMITS.export, exclusive: 'export', auditDownload: { action: 'export.audit_log', entityType: 'audit_log' } },
    schema: { tags, summary: '导出审计日志（Excel；筛选条件同审计日志，按时间先后，最多5万条）', querystring: auditExportQuery, response: { 200: fileResponse } },
  }, async (req, reply) => {
    const { items, truncated } = await app.db.transaction((tx) => exportAudit(tx, actorOf(req).tenantId, req.query));
    const name = auditFileName(req.query.from, req.query.to);
    const content = await buildAuditXlsx(items, name.replace(/\.xlsx$/, ''), truncated);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(name))
      .header('content-length', content.length)
      .header('cache-control', 'private, no-store')
      .send(content);
  });
}
