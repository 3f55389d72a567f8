import { appendAudit } from '../domain/audit-chain.js';
import { eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/client.js';
import {
  assignments, coOpinions, contacts, evaluations, followUps, keyProposalLeaders, notifications, proposals,
  proposers, replies, sessions, supervisionActivities,
} from '../db/schema.js';
import type { Rows } from './rows.js';
import { analyzeSearch, indexProposals } from '../search/index-proposals.js';

const CHUNK = 250;

async function insertAll(tx: Tx, table: PgTable, values: object[]) {
  for (let i = 0; i < values.length; i += CHUNK) await tx.insert(table).values(values.slice(i, i + CHUNK) as never);
}

/** Numbers filed proposals 1..n per session in filing order, as the committee would have. */
function number(rows: Rows): Map<number, number> {
  const last = new Map<number, number>();
  const sorted = [...rows.filings].sort((a, b) => a.at.getTime() - b.at.getTime() || a.p - b.p);
  for (const f of sorted) {
    const n = (last.get(f.sessionId) ?? 0) + 1;
    last.set(f.sessionId, n);
    rows.proposals[f.p]!.number = n;
    f.after.number = n;
  }
  return last;
}

/** Writes everything built in memory, in batches; returns the proposal ids by index. */
export async function writeRows(tx: Tx, rows: Rows): Promise<number[]> {
  const lastNumbers = number(rows);
  const ids: number[] = [];
  for (let i = 0; i < rows.proposals.length; i += CHUNK) {
    const chunk = rows.proposals.slice(i, i + CHUNK);
    const out = await tx.insert(proposals).values(chunk).returning({ id: proposals.id });
    // Identity values are drawn in VALUES order, so sorting the ids restores the mapping even
    // if RETURNING came back in another order.
    ids.push(...out.map((r) => r.id).sort((a, b) => a - b));
  }
  for (const m of rows.merges) await tx.update(proposals).set({ mergedInto: ids[m.primary]! }).where(eq(proposals.id, ids[m.secondary]!));

  const link = <T extends { p: number }>(list: T[]) => list.map(({ p, ...rest }) => ({ ...rest, proposalId: ids[p]! }));
  await insertAll(tx, proposers, link(rows.proposers));
  await insertAll(tx, assignments, link(rows.assignments));
  await insertAll(tx, contacts, link(rows.contacts));
  await insertAll(tx, coOpinions, link(rows.coOpinions));
  await insertAll(tx, replies, link(rows.replies));
  await insertAll(tx, evaluations, link(rows.evaluations));
  await insertAll(tx, followUps, link(rows.followUps));
  await insertAll(tx, keyProposalLeaders, link(rows.keyLeaders));
  await insertAll(tx, supervisionActivities, link(rows.activities));
  await insertAll(tx, notifications, link(rows.notifications));
  const audit = [...rows.audit].sort((a, b) => a.at!.getTime() - b.at!.getTime());
  await appendAudit(tx, audit.map(({ p, ...rest }) => ({ ...rest, proposalId: ids[p]!, entityId: ids[p]! })));

  for (const [sessionId, n] of lastNumbers) await tx.update(sessions).set({ lastNumber: n }).where(eq(sessions.id, sessionId));
  // Search vectors last, once replies and follow-ups are in: one statement per batch of proposals.
  await indexProposals(tx, ids);
  await analyzeSearch(tx);
  return ids;
}
