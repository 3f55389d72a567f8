import type { Db } from '../db/client.js';

export interface SeedResult {
  created: boolean;
  password: string;
  logins: { role: string; username: string; description: string }[];
}

export async function seedDemoData(_db: Db): Promise<SeedResult> {
  return { created: false, password: '', logins: [] };
}
