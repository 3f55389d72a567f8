import { RESULT_CLASSES, SATISFACTION } from '../../shared/domain.js';
import type { KeyProposalEntry, KeyProposalReport } from '../domain/read-key-proposal-report.js';
import { leaderPrintName, proposersLabel } from '../domain/document-facts.js';
import { chineseNumber, filingSentence, keySatisfactionSentence, keySentence, mergeSentence } from './figures-text.js';
import {
  blankLine,
  bodyParagraph,
  chineseDate,
  fieldParagraph,
  headingParagraph,
  officialDocument,
  officialSection,
  packDocx,
  signatureBlock,
  textParagraphs,
  titleParagraph,
} from './gbt9704.js';

export const keyPublicityTitle = (r: KeyProposalReport) => `${r.session.fullName}重点${r.session.noun}办理情况公示`;

/** 落实情况: what the units reported; before that, where the handling stands. */
function implementation(item: KeyProposalEntry): string[] {
  if (item.followUps.length) {
    const last = item.followUps[item.followUps.length - 1]!;
    return [...item.followUps.flatMap((f) => textParagraphs(f.body)), last.completed ? '目前已落实到位。' : '目前正在持续推进落实。'];
  }
  if (item.resultClass) return [`主办单位已答复（${item.resultClass}类），落实情况待报送。`];
  return ['正在办理中。'];
}

/** 「市政协领导叶建宏、市政府领导陈明」: organ and name, as the printed documents name them; 「…（两级联合督办）」 with the other level's. */
export const leaderNames = (item: KeyProposalEntry, tenantName: string) => {
  const names = item.leaders.map((l) => leaderPrintName(l, tenantName)).join('、');
  // A leader of the other level (levelName) is there because the proposal is supervised jointly.
  return names ? `${names}${item.leaders.some((l) => l.levelName) ? '（两级联合督办）' : ''}` : '—';
};

/**
 * 重点提案公示: an opening paragraph with the session's figures, then per key proposal its
 * number, title, proposers, leaders, lead unit, result class and 落实情况.
 */
export async function buildKeyPublicity(r: KeyProposalReport): Promise<Buffer> {
  const { session: s, figures: f } = r;
  const opening = [filingSentence(s, f), mergeSentence(s, f), keySentence(s, f), keySatisfactionSentence(s, f)].filter(Boolean).join('；');
  const children = [
    titleParagraph(keyPublicityTitle(r)),
    bodyParagraph(`${s.fullName}${opening}。现将重点${s.noun}办理情况公示如下：`),
    ...r.items.flatMap((item, i) => [
      headingParagraph(`${chineseNumber(i + 1)}、${item.title}`),
      fieldParagraph('编号', `第${item.number ?? '—'}号`),
      fieldParagraph(proposersLabel(s), item.proposers.join('、') || '—'),
      fieldParagraph('督办领导', leaderNames(item, s.tenantName)),
      fieldParagraph('主办单位', item.leadUnit ?? '尚未交办'),
      fieldParagraph('办理结果', item.resultClass ? RESULT_CLASSES.labels[item.resultClass] : '尚未答复'),
      ...(item.evaluation ? [fieldParagraph('测评意见', `办理态度${SATISFACTION.labels[item.evaluation.attitude]}，办理结果${SATISFACTION.labels[item.evaluation.result]}`)] : []),
      fieldParagraph('落实情况', ''),
      ...implementation(item).map((p) => bodyParagraph(p)),
    ]),
    ...(r.items.length ? [] : [bodyParagraph(`本次会议未确定重点${s.noun}。`)]),
    blankLine({ keepNext: true }),
    ...signatureBlock([s.kind === 'proposal' ? `${s.tenantName}政协提案委员会` : `${s.tenantName}人大常委会选举联络工作委员会`, chineseDate(f.asOf)]),
  ];
  return packDocx(officialDocument(keyPublicityTitle(r), [officialSection(children)]));
}
