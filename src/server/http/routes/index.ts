import type { App } from '../types.js';
import { healthRoutes } from './health.js';
import { authRoutes } from './auth.js';
import { proposalRoutes } from './proposals.js';

// Each resource registers its routes under /api/v1. Add a resource by adding a line here.
export async function registerRoutes(app: App) {
  await app.register(healthRoutes);
  await app.register(
    async (v1: App) => {
      await v1.register(authRoutes);
      await v1.register(proposalRoutes);
    },
    { prefix: '/api/v1' },
  );
}
