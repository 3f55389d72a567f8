import type { App } from '../types.js';

export async function keyProposalsRoutes(_app: App) {}
