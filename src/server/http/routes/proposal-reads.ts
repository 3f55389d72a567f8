import type { App } from '../types.js';

export async function proposalReadsRoutes(_app: App) {}
