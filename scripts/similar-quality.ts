// npx tsx scripts/similar-quality.ts — precision@5 of the similar-proposal suggestions on the demo.
//
// Loads the demo into an in-memory PGlite and labels its proposals by subject: every demo title is
// drawn from seed/subjects.ts (a subject's hand-written stems and the generic ones), so the title
// says which subject it is about. Two proposals of the same subject should match, two of different
// subjects should not. For every labelled proposal of 平湖市政协 that has at least one other of its
// subject, asks GET /proposals/:id/similar as the committee's staff (who see every filed proposal)
// and scores the top 5. Writes the section "Similar proposals" of BENCHMARKS.md, keeping the others.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, ne } from 'drizzle-orm';
import { openDatabase } from '../src/server/db/client.js';
import { proposals, users } from '../src/server/db/schema.js';
import { seedDemoData } from '../src/server/seed/demo-data.js';
import { Rng } from '../src/server/seed/rng.js';
import { TopicPool } from '../src/server/seed/subjects.js';
import { similarToProposal } from '../src/server/domain/find-similar.js';
import type { Actor } from '../src/server/domain/actor.js';

const root = path.resolve(import.meta.dirname, '..');
const K = 5;

/** Every title the demo can draw, with its subject's topic. */
function titleLabels(): Map<string, string> {
  const pool = new TopicPool(new Rng(1));
  const out = new Map<string, string>();
  for (;;) {
    try {
      const t = pool.take();
      out.set(t.title, t.subject.topic);
    } catch {
      return out;
    }
  }
}

const started = Date.now();
const database = await openDatabase({ dataDir: 'memory://' });
await seedDemoData(database.db);
const db = database.db;
const [staff] = await db.select().from(users).where(eq(users.username, 'tiweiban'));
const actor: Actor = { userId: staff!.id, tenantId: staff!.tenantId, roles: staff!.roles, displayName: staff!.displayName, unitId: null, bodyId: null, memberId: null, leaderId: null, organ: staff!.organ };

const labels = titleLabels();
const rows = await db
  .select({ id: proposals.id, title: proposals.title, mergedInto: proposals.mergedInto, sessionId: proposals.sessionId })
  .from(proposals)
  .where(and(eq(proposals.tenantId, actor.tenantId), eq(proposals.kind, 'proposal'), ne(proposals.status, 'draft')));
const topicOf = new Map<number, string>();
for (const r of rows) {
  const topic = labels.get(r.title);
  if (topic) topicOf.set(r.id, topic);
}
const bySubject = new Map<string, number[]>();
for (const [id, topic] of topicOf) bySubject.set(topic, [...(bySubject.get(topic) ?? []), id]);
// A proposal's merge group is left out of its suggestions, so it is left out of its positives too.
const groupOf = new Map(rows.map((r) => [r.id, r.mergedInto ?? r.id]));
const positivesOf = (id: number) => (bySubject.get(topicOf.get(id)!) ?? []).filter((o) => o !== id && groupOf.get(o) !== groupOf.get(id) && o !== groupOf.get(id) && groupOf.get(o) !== id);

let queries = 0;
let hits = 0;
let shown = 0;
let cappedHits = 0;
let cappedDen = 0;
let negatives = 0;
let unlabelled = 0;
let empty = 0;
let positivePairs = 0;
let negativePairs = 0;
for (const [id] of topicOf) {
  const positives = new Set(positivesOf(id));
  if (!positives.size) continue;
  queries++;
  positivePairs += positives.size;
  negativePairs += topicOf.size - 1 - positives.size;
  const top = (await similarToProposal(db, actor, id)).proposals.slice(0, K);
  if (!top.length) empty++;
  const good = top.filter((p) => positives.has(p.id)).length;
  hits += good;
  shown += top.length;
  negatives += top.filter((p) => topicOf.has(p.id) && !positives.has(p.id)).length;
  unlabelled += top.filter((p) => !topicOf.has(p.id)).length;
  // Precision against what could be right: with 2 positives the best possible top 5 has 2 hits.
  cappedHits += good;
  cappedDen += Math.min(K, positives.size);
}
await database.close();

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');
const p5 = hits / (queries * K);
const section = `## Similar proposals (precision at 5)

How well \`GET /api/v1/proposals/:id/similar\` (and the same scoring behind \`POST /api/v1/similar\`) finds
proposals on the same subject. Labelled set: the demo data of 平湖市政协 (filed proposals, not drafts).
Every demo title is drawn from the subjects of \`src/server/seed/subjects.ts\`, so each proposal is
labelled with its subject; a pair of the same subject should match, a pair of different subjects
should not (merge groups left out). Each labelled proposal with at least one other of its subject is a
query, asked as the committee's staff.

| | |
| --- | --- |
| command | \`npx tsx scripts/similar-quality.ts\` |
| date | ${new Date().toISOString()} |
| machine | ${os.cpus()[0]?.model.trim() ?? 'unknown'}, ${os.cpus().length} cores, Node.js ${process.version}, PGlite |
| labelled proposals | ${topicOf.size} in ${bySubject.size} subjects (${rows.length - topicOf.size} unlabelled) |
| labelled pairs | ${positivePairs} should match, ${negativePairs} should not |
| queries | ${queries} |
| **precision@5** | **${(p5 * 100).toFixed(1)} %** (same-subject proposals among the 5 slots of every query; an empty slot counts as a miss) |
| precision of what is shown | ${pct(hits, shown)} (${hits} of ${shown} suggestions; fewer than 5 are shown below the score threshold) |
| precision@5 against the attainable | ${pct(cappedHits, cappedDen)} (a subject with 2 other proposals can fill at most 2 of the 5 slots) |
| should-not pairs shown | ${negatives} (${pct(negatives, shown)} of suggestions); unlabelled shown: ${unlabelled} |
| queries with no suggestion | ${empty} |
| run time | ${((Date.now() - started) / 1000).toFixed(1)} s (seed included) |

Scoring (\`src/server/domain/find-similar.ts\`): the GIN index on \`proposal_search.document\` finds the
proposals sharing any of the 12 most frequent title terms and 12 most frequent body terms (Chinese
bigrams without generic proposal words such as 建议、加强、工作) and keeps the 40 best by \`ts_rank\`;
those are scored by 0.6 × cosine of the title term vectors + 0.4 × cosine of the body term vectors,
and shown when the score is at least 0.2.
`;

const file = path.join(root, 'BENCHMARKS.md');
const md = readFileSync(file, 'utf8');
const start = md.indexOf('## Similar proposals');
let next: string;
if (start < 0) next = `${md.trimEnd()}\n\n${section}`;
else {
  const after = md.indexOf('\n## ', start + 3);
  next = `${md.slice(0, start)}${section}${after < 0 ? '' : md.slice(after)}`;
}
writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
console.log(`precision@5 ${(p5 * 100).toFixed(1)} % over ${queries} queries; shown precision ${pct(hits, shown)}; wrote BENCHMARKS.md`);
