// npx tsx scripts/render-docs.ts — writes each generated document of the demo data to
// docs/documents/, so they can be opened and looked at: the 答复函 of a key proposal, the
// 重点提案公示, the 年度综述, the 提案及答复汇编, the unit table (.xlsx) and the open data (.csv).
// With LibreOffice (soffice) on the PATH it also writes a PDF of each .docx and a PNG of its
// first page. Loads the demo into an in-memory database; touches nothing else.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { openDatabase } from '../src/server/db/client.js';
import { proposals, replies, sessions, tenants, users } from '../src/server/db/schema.js';
import { seedDemoData } from '../src/server/seed/demo-data.js';
import { TODAY } from '../src/server/seed/rng.js';
import type { Actor } from '../src/server/domain/actor.js';
import { readReplyLetter } from '../src/server/domain/read-reply-letter.js';
import { readKeyProposalReport } from '../src/server/domain/read-key-proposal-report.js';
import { sessionHeadingOf } from '../src/server/domain/document-facts.js';
import { compilationBatches } from '../src/server/domain/read-session-compilation.js';
import { computeUnitStats } from '../src/server/domain/compute-unit-stats.js';
import { readOpenData } from '../src/server/domain/read-open-data.js';
import { buildReplyLetter } from '../src/server/documents/reply-letter.js';
import { buildKeyPublicity } from '../src/server/documents/key-publicity.js';
import { buildKeyReview } from '../src/server/documents/key-review.js';
import { buildCompilation } from '../src/server/documents/compilation.js';
import { buildUnitStatsXlsx } from '../src/server/documents/unit-stats-xlsx.js';
import { openDataCsv } from '../src/server/documents/open-data.js';
import { convertDocxToPdf, sofficePath } from '../src/server/documents/pdf.js';

const outDir = path.resolve(import.meta.dirname, '../docs/documents');
mkdirSync(outDir, { recursive: true });

const database = await openDatabase({ dataDir: 'memory://' });
const db = database.db;
try {
  await seedDemoData(db);
  const [ph] = await db.select().from(tenants).where(eq(tenants.name, '平湖市'));
  const [staffUser] = await db.select().from(users).where(eq(users.username, 'tiweiban'));
  const actor: Actor = { userId: staffUser!.id, tenantId: ph!.id, roles: ['staff'], displayName: staffUser!.displayName, unitId: null, bodyId: null, memberId: null, leaderId: null, organ: 'cppcc' };
  const [session] = await db.select().from(sessions).where(and(eq(sessions.tenantId, ph!.id), eq(sessions.kind, 'proposal')));

  const written: string[] = [];
  const write = async (name: string, content: Buffer | string) => {
    writeFileSync(path.join(outDir, name), content);
    written.push(name);
    if (name.endsWith('.docx') && sofficePath()) {
      const pdfName = name.replace(/\.docx$/, '.pdf');
      writeFileSync(path.join(outDir, pdfName), await convertDocxToPdf(Buffer.from(content)));
      written.push(pdfName);
    }
  };

  await db.transaction(async (tx) => {
    // The letter answering the lowest-numbered key proposal that has a reply with a document number.
    const [reply] = await tx
      .select({ id: replies.id })
      .from(replies)
      .innerJoin(proposals, eq(proposals.id, replies.proposalId))
      .where(and(eq(proposals.sessionId, session!.id), eq(proposals.isKey, true), eq(replies.isLead, true), isNotNull(replies.documentNo)))
      .orderBy(asc(proposals.number), asc(replies.sequence))
      .limit(1);
    await write('reply-letter.docx', await buildReplyLetter(await readReplyLetter(tx, actor, reply!.id)));

    const report = await readKeyProposalReport(tx, actor, session!.id, TODAY);
    await write('key-publicity.docx', await buildKeyPublicity(report));
    await write('key-review.docx', await buildKeyReview(report));

    const heading = await sessionHeadingOf(tx, ph!.id, session!.id);
    await write('compilation.docx', (await buildCompilation(heading, compilationBatches(tx, ph!.id, session!.id))).buffer);

    await write('unit-stats.xlsx', await buildUnitStatsXlsx(await computeUnitStats(tx, ph!.id, session!.id, TODAY, { field: 'onTimeRate', dir: 'desc' })));
    await write('open-data.csv', openDataCsv((await readOpenData(tx, session!.id, TODAY)).items));
  });
  if (sofficePath()) {
    // A first-page preview of each PDF, for a quick look without a PDF viewer.
    const { execFileSync } = await import('node:child_process');
    for (const pdf of written.filter((n) => n.endsWith('.pdf'))) {
      try {
        execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', path.join(outDir, pdf), path.join(outDir, pdf.replace(/\.pdf$/, ''))]);
        written.push(pdf.replace(/\.pdf$/, '.png'));
      } catch {
        /* poppler not installed: the PDFs are enough */
      }
    }
  } else {
    console.log('未找到 LibreOffice（soffice），只生成 .docx / .xlsx / .csv，不生成 PDF 和 PNG。');
  }
  console.log(`已写入 ${outDir}：\n  ${written.join('\n  ')}`);
} finally {
  await database.close();
}
