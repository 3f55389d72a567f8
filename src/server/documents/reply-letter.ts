import { AlignmentType, Paragraph } from 'docx';
import { DISCLOSURES } from '../../shared/domain.js';
import type { ReplyLetter } from '../domain/read-reply-letter.js';
import { salutationOf } from '../domain/document-facts.js';
import {
  blankLine,
  bodyParagraph,
  chineseDate,
  letterhead,
  officialDocument,
  officialSection,
  packDocx,
  run,
  signatureBlock,
  textParagraphs,
  titleParagraph,
} from './gbt9704.js';

const numbersOf = (l: ReplyLetter) => l.proposals.map((p) => `第${p.number ?? '—'}号`).join('、');

/** 关于对平湖市政协十一届五次会议第12号提案的答复 */
export function replyLetterTitle(l: ReplyLetter): string {
  return `关于对${l.session.fullName}${numbersOf(l)}${l.session.noun}的答复${l.sequence > 1 ? '（重新办理）' : ''}`;
}

export function replyLetterFileName(l: ReplyLetter): string {
  return `${l.issuer}${numbersOf(l)}${l.session.noun}答复函.docx`;
}

// A body that already opens with a salutation line (「王建国：」) gets ours instead, which names
// every proposer of the merged group with their title.
const SALUTATION = /^[^。，；！？]{1,60}：$/;

/**
 * 答复函 in the GB/T 9704 layout: the unit's letterhead and document number, 答复类别 and
 * 公开属性 top left with 签发人 top right, the title, the proposers, the reply text, the
 * issuing unit and date, the contact person, and the copy line.
 */
export async function buildReplyLetter(l: ReplyLetter): Promise<Buffer> {
  const paragraphs = textParagraphs(l.body);
  if (paragraphs[0] && SALUTATION.test(paragraphs[0])) paragraphs.shift();
  const first = l.proposals[0]!;
  const cited = `《${first.title}》`;
  const opening = paragraphs.some((p) => p.includes(cited))
    ? []
    : [bodyParagraph(`您提出的${cited}（${numbersOf(l)}${l.session.noun}）收悉，现答复如下：`)];
  const copyTo = l.session.kind === 'proposal' ? `${l.session.tenantName}政协提案委员会，${l.session.tenantName}人民政府办公室` : `${l.session.tenantName}人大常委会选举联络工作委员会，${l.session.tenantName}人民政府办公室`;

  const children = [
    new Paragraph({ children: [run(`答复类别：${l.resultClass}类`, { font: 'heading1' })] }),
    new Paragraph({ children: [run(`公开属性：${DISCLOSURES.labels[l.disclosure]}`, { font: 'heading1' })] }),
    new Paragraph({ children: [run('签发人：', { font: 'body' }), run(l.signerName, { font: 'heading2' })], alignment: AlignmentType.RIGHT }),
    ...letterhead(l.issuer, l.documentNo),
    titleParagraph(replyLetterTitle(l)),
    bodyParagraph(`${salutationOf(l.proposers, l.session.memberTitle)}：`, { indent: false }),
    ...opening,
    ...paragraphs.map((p) => bodyParagraph(p)),
    blankLine(),
    ...signatureBlock([l.issuer, chineseDate(l.replyDate)]),
    blankLine(),
    ...(l.contactPerson ? [bodyParagraph(`（联系人：${l.contactPerson}）`)] : []),
    bodyParagraph(`抄送：${copyTo}。`, { indent: false }),
  ];
  return packDocx(officialDocument(replyLetterTitle(l), [officialSection(children)]));
}
