import type { App } from '../types.js';

export async function figuresRoutes(_app: App) {}
