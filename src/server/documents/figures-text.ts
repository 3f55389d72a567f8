import type { Figures } from '../../shared/schemas/figures.js';
import type { SessionHeading } from '../domain/document-facts.js';
import { chineseDate, percent } from './gbt9704.js';

// The sentences that put the session's figures into words. They only ever print fields of the
// Figures object computeFigures returned: a document never counts anything itself.

/** 共收到提案380件，经审查立案353件，作为来信处理27件，立案率92.9% */
export function filingSentence(s: SessionHeading, f: Figures): string {
  const parts = [`共收到${s.noun}${f.received}件`, `经审查立案${f.filed}件`];
  if (f.notFiled.letter) parts.push(`作为来信处理${f.notFiled.letter}件`);
  if (f.notFiled.socialReport) parts.push(`转社情民意${f.notFiled.socialReport}件`);
  const otherNotFiled = f.notFiled.total - f.notFiled.letter - f.notFiled.socialReport;
  if (otherNotFiled) parts.push(`不予立案${otherNotFiled}件`);
  parts.push(`立案率${percent(f.filingRate.value)}`);
  return parts.join('，');
}

/** 经并案处理，其中4件合并为2件，立案的353件提案并案后办理351件 (only when something was merged) */
export function mergeSentence(s: SessionHeading, f: Figures): string | null {
  return f.mergedSecondaries
    ? `经并案处理，其中${f.merged.proposals}件合并为${f.merged.groups}件，立案的${f.filed}件${s.noun}并案后办理${f.afterMerge}件`
    : null;
}

/** 满意率达100% when attitude and result agree, else both; `who` names what was evaluated. */
function rateWords(attitude: number | null, result: number | null): string {
  return attitude === result ? `满意率达${percent(result)}` : `办理态度满意率${percent(attitude)}，办理结果满意率${percent(result)}`;
}

/** 重点提案已测评8件，满意率达100% (null before any key proposal is evaluated). */
export function keySatisfactionSentence(s: SessionHeading, f: Figures): string | null {
  const k = f.keySatisfaction;
  if (!k.evaluated) return null;
  return `重点${s.noun}已测评${k.evaluated}件，${s.kind === 'suggestion' ? '代表' : '委员'}${rateWords(k.attitude.value, k.result.value)}`;
}

/** 确定重点提案8件，由14位领导领衔督办 */
export function keySentence(s: SessionHeading, f: Figures): string {
  return `确定重点${s.noun}${f.keyProposals}件，由${f.keyLeaders}位领导领衔督办`;
}

/** 截至…，已办复…件，其中A类…件…；按时办复率…；见面率…；测评满意率… */
export function handlingSentence(s: SessionHeading, f: Figures): string {
  const c = f.resultClasses;
  const parts = [
    `截至${chineseDate(f.asOf)}，已办复${f.handled}件，其中A类${c.A}件、B类${c.B}件、C类${c.C}件`,
    `按时办复率${percent(f.onTimeRate.value)}`,
    `见面率${percent(f.faceToFaceRate.value)}`,
    `已测评${f.satisfaction.evaluated}件，办理态度满意率${percent(f.satisfaction.attitude.rate.value)}，办理结果满意率${percent(f.satisfaction.result.rate.value)}`,
  ];
  if (s.kind === 'suggestion') parts[3] = parts[3]!.replace('已测评', '代表已测评');
  return parts.join('；');
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (headings 一、二、…). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n);
}
