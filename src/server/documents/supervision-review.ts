import { MEETING_KINDS } from '../../shared/domain.js';
import type { Meeting, SupervisionFigures } from '../../shared/schemas/supervision.js';
import type { SessionHeading } from '../domain/document-facts.js';
import { chineseNumber } from './figures-text.js';
import { bodyParagraph, chineseDate, fieldParagraph, headingParagraph, officialDocument, officialSection, packDocx, textParagraphs, titleParagraph } from './gbt9704.js';

export interface SupervisionReview {
  session: SessionHeading;
  figures: SupervisionFigures;
  meetings: Meeting[];
}

export const supervisionReviewTitle = (r: SupervisionReview) => `${r.session.year}年度领导领衔督办重点${r.session.noun}工作综述`;

/** 共确定重点提案8件；市委、市人大、市政府、市政协主要领导领衔督办4件；两级联合督办1件；召开督办会议5次，领导批示6条，已反馈5条。 */
export function supervisionSummary(r: SupervisionReview): string {
  const f = r.figures;
  const parts = [`${r.session.fullName}确定重点${r.session.noun}${f.keyProposals}件`, f.principalSentence];
  const organs = f.byOrgan.filter((o) => o.proposals > 0).map((o) => `${o.label}领导领衔${o.proposals}件`);
  if (organs.length) parts.push(`其中${organs.join('、')}`);
  if (f.jointSentence) parts.push(f.jointSentence);
  parts.push(`召开督办会议${f.meetings}次`, `领导批示${f.instructions.total}条，已反馈落实情况${f.instructions.followedUp}条`);
  return `${parts.join('；')}。`;
}

/**
 * 督办综述: a year's leader-led supervision as the published ones read — the two-level count, then
 * per meeting (oldest first) who chaired, which leaders attended, what the units reported, what the
 * members said, what was decided, and the leaders' instructions with their follow-up.
 */
export async function buildSupervisionReview(r: SupervisionReview): Promise<Buffer> {
  const meetings = [...r.meetings].sort((a, b) => (a.meetingDate < b.meetingDate ? -1 : a.meetingDate > b.meetingDate ? 1 : a.id - b.id));
  const leaderLines = r.figures.byLeader.map((l) => `${l.printName}：领衔督办${l.proposals}件，参加督办会议${l.meetings}次，批示${l.instructions}条`);
  const children = [
    titleParagraph(supervisionReviewTitle(r)),
    bodyParagraph(supervisionSummary(r)),
    ...(leaderLines.length ? [headingParagraph('一、领导领衔督办情况'), ...leaderLines.map((l) => bodyParagraph(l))] : []),
    headingParagraph(`${leaderLines.length ? '二' : '一'}、督办会议情况`),
    ...(meetings.length ? [] : [bodyParagraph('本年度尚未登记督办会议。')]),
    ...meetings.flatMap((m, i) => {
      const titles = m.proposals.map((p) => `${p.tenantName === r.session.tenantName ? '' : p.tenantName}第${p.number ?? '—'}号《${p.title}》`).join('、');
      const attending = m.leaders.filter((l) => l.id !== m.chair?.id).map((l) => l.printName);
      const opening = `${chineseDate(m.meetingDate)}，${m.chair ? `${m.chair.printName}主持召开` : '召开'}${MEETING_KINDS.labels[m.kind]}，在${m.place}督办${titles}${attending.length ? `，${attending.join('、')}出席` : ''}${m.units ? `，${m.units}参加` : ''}。`;
      return [
        headingParagraph(`（${chineseNumber(i + 1)}）${MEETING_KINDS.labels[m.kind]}：${m.proposals.map((p) => p.title).join('；')}`, 2),
        bodyParagraph(opening),
        fieldParagraph('会议议程', m.agenda),
        ...(m.unitReport ? [fieldParagraph('承办单位汇报', ''), ...textParagraphs(m.unitReport).map((p) => bodyParagraph(p))] : []),
        ...(m.memberOpinions ? [fieldParagraph(`${r.session.memberTitle}意见`, ''), ...textParagraphs(m.memberOpinions).map((p) => bodyParagraph(p))] : []),
        ...(m.decisions ? [fieldParagraph('会议议定', ''), ...textParagraphs(m.decisions).map((p) => bodyParagraph(p))] : []),
        ...m.instructions.map((ins) =>
          bodyParagraph(`${ins.leader.printName}要求：${ins.content}${ins.status === 'followed_up' ? `（落实情况：${ins.response ?? ''}）` : '（待落实）'}`),
        ),
      ];
    }),
  ];
  return packDocx(officialDocument(supervisionReviewTitle(r), [officialSection(children)]));
}
