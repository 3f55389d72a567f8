import { RESULT_CLASSES, SUPERVISION_KINDS } from '../../shared/domain.js';
import type { KeyProposalEntry, KeyProposalReport } from '../domain/read-key-proposal-report.js';
import { proposersLabel } from '../domain/document-facts.js';
import { chineseNumber, filingSentence, handlingSentence, keySentence, mergeSentence } from './figures-text.js';
import {
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
import { leaderNames } from './key-publicity.js';

export const keyReviewTitle = (r: KeyProposalReport) => `${r.session.year}年度重点${r.session.noun}督办工作综述`;

/** 办理工作成效: the supervision record, then what the units reported; the reply when nothing else exists yet. */
function results(item: KeyProposalEntry): string[] {
  const out = item.activities.map(
    (a) => `${chineseDate(a.activityDate)}，在${a.place}开展${SUPERVISION_KINDS.labels[a.kind]}：${a.content}${a.instructions ? `领导要求：${a.instructions}` : ''}`,
  );
  out.push(...item.followUps.flatMap((f) => textParagraphs(f.body)));
  if (!item.followUps.length && item.replyBody) out.push(...textParagraphs(item.replyBody).filter((p) => !/^[^。，；]{1,60}：$/.test(p)));
  return out.length ? out : ['正在办理中。'];
}

/**
 * 年度重点提案督办工作综述: the figures paragraph (received, filed, letters, filing rate, merged,
 * key proposals and leaders, handled, A/B/C and the rates), then per key proposal its
 * 【提案主要内容】 and 【办理工作成效】.
 */
export async function buildKeyReview(r: KeyProposalReport): Promise<Buffer> {
  const { session: s, figures: f } = r;
  const figuresText = [filingSentence(s, f), mergeSentence(s, f), keySentence(s, f)].filter(Boolean).join('；');
  const children = [
    titleParagraph(keyReviewTitle(r)),
    bodyParagraph(`${s.fullName}${figuresText}。${handlingSentence(s, f)}。`),
    ...r.items.flatMap((item, i) => [
      headingParagraph(`${chineseNumber(i + 1)}、${item.title}（第${item.number ?? '—'}号）`),
      fieldParagraph(proposersLabel(s), item.proposers.join('、') || '—'),
      fieldParagraph('督办领导', leaderNames(item, s.tenantName)),
      fieldParagraph('主办单位', item.leadUnit ?? '尚未交办'),
      // The class of the lead unit's latest reply, as the summary prints it before the sections.
      fieldParagraph('答复类别', item.resultClass ? RESULT_CLASSES.labels[item.resultClass] : '尚未答复'),
      headingParagraph(`【${s.noun}主要内容】`, 2),
      ...textParagraphs(item.body).map((p) => bodyParagraph(p)),
      headingParagraph('【办理工作成效】', 2),
      ...results(item).map((p) => bodyParagraph(p)),
    ]),
  ];
  return packDocx(officialDocument(keyReviewTitle(r), [officialSection(children)]));
}
