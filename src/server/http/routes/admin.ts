import type { App } from '../types.js';

export async function adminRoutes(_app: App) {}
