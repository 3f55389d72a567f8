import { AlignmentType, Paragraph } from 'docx';
import { DISCLOSURES } from '../../shared/domain.js';
import type { ReplyLetter } from '../domain/read-reply-letter.js';
import { salutationOf } from '../domain/document-facts.js';
import {
  blankLine,
  bodyBeforeSignature,
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

// The template writes the salutation (naming every proposer of the merged group with their title)
// and the 「收悉」 sentence. A body typed with its own — as units did for years — loses them, so
// that a letter never greets twice or opens with two 收悉 sentences.
const SALUTATION = /^[^。，；！？]{1,60}：$/;
const SALUTATION_PREFIX = /^[^。，；！？：]{1,60}：\s*(?=[您你贵])/;
// An opening sentence addresses the proposer: 「您提出的…收悉」, 「关于您提出的…收悉」, 「贵单位提出的…收悉」.
const RECEIVED = /^(?:关于)?[您你贵][^。！？]{0,200}?收悉[，。；：,;:]?\s*/;
const REPLY_FOLLOWS = /^(?:现[将就]?[^。：:]{0,20})?答复如下[：:。]?\s*/;
const REPLY_FOLLOWS_END = /现[将就]?[^。：:，,]{0,20}答复如下[：:。]?\s*$/;

/** The reply text without a typed salutation and 「…收悉，现答复如下：」 opening. */
export function stripTypedOpening(paragraphs: string[]): string[] {
  const out = [...paragraphs];
  if (out[0] && SALUTATION.test(out[0])) out.shift();
  if (out[0]) out[0] = out[0].replace(SALUTATION_PREFIX, '');
  const opened = out[0] ? RECEIVED.exec(out[0]) : null;
  if (opened) {
    // What follows 收悉 in the same paragraph stays (thanks, how it was handled), without the
    // 「现答复如下：」 the template has already said.
    const rest = out[0]!
      .slice(opened[0].length)
      .replace(REPLY_FOLLOWS, '')
      .replace(REPLY_FOLLOWS_END, '')
      .replace(/，$/, '。')
      .trim();
    if (rest) out[0] = rest;
    else out.shift();
  }
  return out;
}

/** 您提出的《…》（第12号提案）收悉。本件提案由××主办，会同××、××办理，现答复如下： */
export function openingSentence(l: ReplyLetter): string {
  const received = `您提出的《${l.proposals[0]!.title}》（${numbersOf(l)}${l.session.noun}）收悉`;
  if (!l.coUnits.length) return `${received}，现答复如下：`;
  return `${received}。本件${l.session.noun}由${l.issuer}主办，会同${l.coUnits.join('、')}办理，现答复如下：`;
}

/**
 * 答复函 in the GB/T 9704 layout: the unit's letterhead and document number, 答复类别 and
 * 公开属性 top left with 签发人 top right, the title, the proposers, the opening (naming the
 * co-units the lead unit handled it with), the reply text, the issuing unit and date (never split
 * across pages, never alone on one), the contact person, and the copy line.
 */
export async function buildReplyLetter(l: ReplyLetter): Promise<Buffer> {
  const paragraphs = stripTypedOpening(textParagraphs(l.body));
  const copyTo = l.session.kind === 'proposal' ? `${l.session.tenantName}政协提案委员会，${l.session.tenantName}人民政府办公室` : `${l.session.tenantName}人大常委会选举联络工作委员会，${l.session.tenantName}人民政府办公室`;

  const children = [
    new Paragraph({ children: [run(`答复类别：${l.resultClass}类`, { font: 'heading1' })] }),
    new Paragraph({ children: [run(`公开属性：${DISCLOSURES.labels[l.disclosure]}`, { font: 'heading1' })] }),
    new Paragraph({ children: [run('签发人：', { font: 'body' }), run(l.signerName, { font: 'heading2' })], alignment: AlignmentType.RIGHT }),
    ...letterhead(l.issuer, l.documentNo),
    titleParagraph(replyLetterTitle(l)),
    bodyParagraph(`${salutationOf(l.proposers, l.session.memberTitle)}：`, { indent: false }),
    ...bodyBeforeSignature([openingSentence(l), ...paragraphs]),
    blankLine({ keepNext: true }),
    ...signatureBlock([l.issuer, chineseDate(l.replyDate)]),
    blankLine(),
    ...(l.contactPerson ? [bodyParagraph(`（联系人：${l.contactPerson}）`)] : []),
    bodyParagraph(`抄送：${copyTo}。`, { indent: false }),
  ];
  return packDocx(officialDocument(replyLetterTitle(l), [officialSection(children)]));
}
