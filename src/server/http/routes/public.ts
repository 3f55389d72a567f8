import type { App } from '../types.js';

export async function publicRoutes(_app: App) {}
