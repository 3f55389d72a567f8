import type { App } from '../types.js';

export async function handlingRoutes(_app: App) {}
