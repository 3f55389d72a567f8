import type { App } from '../types.js';
import { healthRoutes } from './health.js';
import { authRoutes } from './auth.js';
import { proposalRoutes } from './proposals.js';
import { proposalReadsRoutes } from './proposal-reads.js';
import { handlingRoutes } from './handling.js';
import { keyProposalsRoutes } from './key-proposals.js';
import { publicRoutes } from './public.js';
import { figuresRoutes } from './figures.js';
import { adminRoutes } from './admin.js';
import { notificationsRoutes } from './notifications.js';
import { objectionsRoutes } from './objections.js';
import { tasksRoutes } from './tasks.js';
import { documentsRoutes } from './documents.js';
import { searchRoutes } from './search.js';
import { officeRoutes } from './office.js';
import { rosterRoutes } from './rosters.js';
import { historyRoutes } from './history.js';
import { myAccountRoutes } from './account.js';
import { securityRoutes } from './security.js';
import { auditRoutes } from './audit.js';
import { jobsRoutes } from './jobs.js';
import { notificationChannelRoutes } from './notification-channels.js';
import { supervisionRoutes } from './supervision.js';
import { handlingAidsRoutes } from './handling-aids.js';

// Each resource registers its routes under /api/v1. Add a resource by adding a line here.
export async function registerRoutes(app: App) {
  await app.register(healthRoutes);
  await app.register(
    async (v1: App) => {
      await v1.register(authRoutes);
      await v1.register(proposalRoutes);
      await v1.register(proposalReadsRoutes);
      await v1.register(handlingRoutes);
      await v1.register(keyProposalsRoutes);
      await v1.register(publicRoutes);
      await v1.register(figuresRoutes);
      await v1.register(adminRoutes);
      await v1.register(notificationsRoutes);
      await v1.register(objectionsRoutes);
      await v1.register(tasksRoutes);
      await v1.register(documentsRoutes);
      await v1.register(searchRoutes);
      await v1.register(officeRoutes);
      await v1.register(rosterRoutes);
      await v1.register(historyRoutes);
      await v1.register(myAccountRoutes);
      await v1.register(securityRoutes);
      await v1.register(auditRoutes);
      await v1.register(jobsRoutes);
      await v1.register(notificationChannelRoutes);
      await v1.register(supervisionRoutes);
      await v1.register(handlingAidsRoutes);
    },
    { prefix: '/api/v1' },
  );
}
