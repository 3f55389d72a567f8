import type { App } from '../types.js';

export async function notificationsRoutes(_app: App) {}
