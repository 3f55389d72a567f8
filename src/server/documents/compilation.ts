import type { Paragraph } from 'docx';
import { CATEGORIES, UNIT_ROLES } from '../../shared/domain.js';
import { proposersLabel, type SessionHeading } from '../domain/document-facts.js';
import type { CompilationEntry } from '../domain/read-session-compilation.js';
import {
  blankLine,
  bodyParagraph,
  chineseDate,
  fieldParagraph,
  headingParagraph,
  officialDocument,
  officialSection,
  packDocx,
  textParagraphs,
  titleParagraph,
} from './gbt9704.js';

export const compilationTitle = (s: SessionHeading) => `${s.fullName}${s.noun}及答复汇编`;

function entryParagraphs(s: SessionHeading, e: CompilationEntry, first: boolean): Paragraph[] {
  const byRole = (role: keyof typeof UNIT_ROLES.labels) => e.units.filter((u) => u.role === role).map((u) => u.name);
  const out = [
    headingParagraph(`第${e.number}号\u3000${e.title}`, 1, { newPage: !first }),
    fieldParagraph(proposersLabel(s), e.proposers.join('、') || '—'),
    fieldParagraph('类别', CATEGORIES.labels[e.category]),
  ];
  if (byRole('lead').length) out.push(fieldParagraph('主办单位', byRole('lead').join('、')));
  if (byRole('co').length) out.push(fieldParagraph('会办单位', byRole('co').join('、')));
  if (byRole('separate').length) out.push(fieldParagraph('分办单位', byRole('separate').join('、')));
  out.push(headingParagraph(`【${s.noun}内容】`, 2), ...textParagraphs(e.body).map((p) => bodyParagraph(p)));
  if (e.mergedIntoNumber !== null) {
    out.push(headingParagraph('【答复】', 2), bodyParagraph(`本件已并入第${e.mergedIntoNumber}号${s.noun}办理，答复见第${e.mergedIntoNumber}号。`));
    return out;
  }
  if (!e.replies.length) {
    out.push(headingParagraph('【答复】', 2), bodyParagraph('尚未答复。'));
    return out;
  }
  for (const r of e.replies) {
    const tag = [r.documentNo, chineseDate(r.replyDate), `${r.resultClass}类`, r.sequence > 1 ? '重新办理' : null].filter(Boolean).join('，');
    out.push(headingParagraph(`【${r.unitName}答复】（${tag}）`, 2), ...textParagraphs(r.body).map((p) => bodyParagraph(p)));
  }
  return out;
}

/**
 * 提案及答复汇编: every filed proposal in number order, each from a new page, with its units and
 * replies. Paragraphs are built batch by batch as the rows arrive; the file itself is packed once.
 */
export async function buildCompilation(s: SessionHeading, batches: AsyncIterable<CompilationEntry[]>): Promise<{ buffer: Buffer; count: number }> {
  const children: Paragraph[] = [titleParagraph(compilationTitle(s))];
  let count = 0;
  for await (const batch of batches) {
    for (const e of batch) children.push(...entryParagraphs(s, e, count++ === 0));
  }
  if (count === 0) children.push(blankLine(), bodyParagraph(`本次会议尚无立案${s.noun}。`));
  return { buffer: await packDocx(officialDocument(compilationTitle(s), [officialSection(children)])), count };
}
