import type { Executor } from '../db/client.js';
import { notify } from './audit.js';
import { roleUserIds } from './proposal-access.js';

/** 安全告警 for the tenant's security administrators (安全管理员); reaches them even in their quiet hours. */
export async function alertSecurityAdmins(tx: Executor, tenantId: number, message: string, messageEn?: string) {
  await notify(tx, tenantId, await roleUserIds(tx, tenantId, 'secadmin'), { kind: 'security.account_locked', message, messageEn: messageEn ?? null });
}
