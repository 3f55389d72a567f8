import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { sessions } from '../db/schema.js';
import type { Figures } from '../../shared/schemas/figures.js';
import type { PublicProposalItem } from '../../shared/schemas/public.js';
import { notFound } from '../errors.js';
import { computeFigures } from './compute-figures.js';
import { listPublicProposals, tenantOfSession } from './read-public.js';

export interface OpenData {
  session: { id: number; name: string; year: number };
  asOf: string;
  figures: Figures;
  items: PublicProposalItem[];
}

const PAGE = 500;

/**
 * A session's open data: its figures (the public figures endpoint's object) and every published
 * proposal as the public portal lists it, page by page through the portal's own read.
 */
export async function readOpenData(tx: Executor, sessionId: number, today: string): Promise<OpenData> {
  const tenantId = await tenantOfSession(tx, sessionId);
  const [s] = await tx
    .select({ id: sessions.id, name: sessions.name, year: sessions.year })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.tenantId, tenantId)));
  if (!s) throw notFound('届次会议');
  const figures = await computeFigures(tx, tenantId, sessionId, today);
  const items: PublicProposalItem[] = [];
  for (let page = 1; ; page++) {
    const r = await listPublicProposals(tx, { tenantId, sessionId, page, pageSize: PAGE });
    items.push(...r.items);
    if (r.items.length < PAGE) break;
  }
  return { session: s, asOf: today, figures, items };
}
