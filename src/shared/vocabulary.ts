import type { ProposalKind } from './domain.js';

// The words of each organ. A CPPCC proposal (政协提案) and an NPC deputy's suggestion (人大代表建议)
// go through the same lifecycle, but each organ has its own words for it, and a deputy reading
// 「提案人」 on their suggestion reads the wrong institution. Every screen, notification and document
// that shows an item takes its words from here, by the item's kind; English beside the Chinese.

export type Term =
  | 'item' // 提案 / 代表建议
  | 'itemShort' // 提案 / 建议 (after a number: 第3号建议)
  | 'proposer' // 提案人 / 代表
  | 'leadProposer' // 第一提案人 / 领衔代表
  | 'cosigner' // 联名人 / 附议代表
  | 'cosign' // 联名 / 附议
  | 'member' // 委员 / 代表
  | 'sector' // 界别 / 代表团
  | 'reply' // 答复提案 / 答复代表建议
  | 'satisfaction' // 提案人满意度 / 代表满意度
  | 'committee' // 提案委 / 选联工委
  | 'organ' // 政协 / 人大
  | 'keyItem' // 重点提案 / 重点督办建议
  | 'write'; // 写提案 / 提出建议

type Words = Record<ProposalKind, { zh: string; en: string }>;

const TERMS: Record<Term, Words> = {
  item: { proposal: { zh: '提案', en: 'proposal' }, suggestion: { zh: '代表建议', en: "deputy's suggestion" } },
  itemShort: { proposal: { zh: '提案', en: 'proposal' }, suggestion: { zh: '建议', en: 'suggestion' } },
  proposer: { proposal: { zh: '提案人', en: 'proposer' }, suggestion: { zh: '代表', en: 'deputy' } },
  leadProposer: { proposal: { zh: '第一提案人', en: 'lead proposer' }, suggestion: { zh: '领衔代表', en: 'lead deputy' } },
  cosigner: { proposal: { zh: '联名人', en: 'co-proposer' }, suggestion: { zh: '附议代表', en: 'seconding deputy' } },
  cosign: { proposal: { zh: '联名', en: 'co-sign' }, suggestion: { zh: '附议', en: 'second' } },
  member: { proposal: { zh: '委员', en: 'member' }, suggestion: { zh: '代表', en: 'deputy' } },
  sector: { proposal: { zh: '界别', en: 'sector' }, suggestion: { zh: '代表团', en: 'delegation' } },
  reply: { proposal: { zh: '答复提案', en: 'reply to the proposal' }, suggestion: { zh: '答复代表建议', en: "reply to the deputy's suggestion" } },
  satisfaction: { proposal: { zh: '提案人满意度', en: "proposer's satisfaction" }, suggestion: { zh: '代表满意度', en: "deputy's satisfaction" } },
  committee: { proposal: { zh: '提案委', en: 'proposals committee' }, suggestion: { zh: '选联工委', en: 'deputies affairs committee' } },
  organ: { proposal: { zh: '政协', en: 'CPPCC' }, suggestion: { zh: '人大', en: 'NPC' } },
  keyItem: { proposal: { zh: '重点提案', en: 'key proposal' }, suggestion: { zh: '重点督办建议', en: 'key suggestion' } },
  write: { proposal: { zh: '写提案', en: 'Write a proposal' }, suggestion: { zh: '提出建议', en: 'Write a suggestion' } },
};

/** The word for `t` on an item of this kind, in Chinese (default) or English. */
export function term(kind: ProposalKind, t: Term, locale: 'zh' | 'en' = 'zh'): string {
  return TERMS[t][kind][locale];
}

/**
 * Rewrites a Chinese text written in the CPPCC's words into the NPC's, for texts shared by both
 * kinds (notifications, form labels). Longest phrases first, so 第一提案人 becomes 领衔代表 and not 第一代表.
 * Identity for a proposal.
 */
export function inWordsOf(kind: ProposalKind, text: string): string {
  if (kind === 'proposal') return text;
  let out = text;
  for (const [from, to] of NPC_REWRITES) out = out.split(from).join(to);
  return out;
}

const NPC_REWRITES: [string, string][] = [
  ['提案及答复汇编', '代表建议及答复汇编'],
  ['写提案', '提出建议'],
  ['我的提案', '我的建议'],
  ['重点提案', '重点督办建议'],
  ['第一提案人', '领衔代表'],
  ['提案人', '代表'],
  ['联名人', '附议代表'],
  ['联名委员', '附议代表'],
  ['确认联名', '确认附议'],
  ['联名', '附议'],
  ['提案委', '选联工委'],
  ['委员', '代表'],
  ['界别', '代表团'],
  ['答复提案', '答复代表建议'],
  ['提案', '代表建议'],
];

/** English counterpart of inWordsOf for the web app's English strings. */
export function inEnglishWordsOf(kind: ProposalKind, text: string): string {
  if (kind === 'proposal') return text;
  return text
    .replace(/\bco-proposers\b/g, 'seconding deputies')
    .replace(/\bCo-proposers\b/g, 'Seconding deputies')
    .replace(/\bco-proposer\b/g, 'seconding deputy')
    .replace(/\bCo-proposer\b/g, 'Seconding deputy')
    .replace(/\blead proposer\b/g, 'lead deputy')
    .replace(/\bLead proposer\b/g, 'Lead deputy')
    .replace(/\bproposers\b/g, 'deputies')
    .replace(/\bProposers\b/g, 'Deputies')
    .replace(/\bproposer\b/g, 'deputy')
    .replace(/\bProposer\b/g, 'Deputy')
    .replace(/\bkey proposals\b/g, 'key suggestions')
    .replace(/\bKey proposals\b/g, 'Key suggestions')
    .replace(/\bproposals\b/g, 'suggestions')
    .replace(/\bProposals\b/g, 'Suggestions')
    .replace(/\bproposal\b/g, 'suggestion')
    .replace(/\bProposal\b/g, 'Suggestion')
    .replace(/\bsector\b/g, 'delegation')
    .replace(/\bSector\b/g, 'Delegation');
}

/**
 * A template tag that puts the static text of a message into the words of the item's kind and
 * leaves what is interpolated (titles, names, dates) as it is:
 * words('suggestion')`提案「${title}」已交办` → 代表建议「…」已交办, whatever the title says.
 */
export function words(kind: ProposalKind) {
  return (strings: TemplateStringsArray, ...values: unknown[]): string =>
    strings.map((s, i) => inWordsOf(kind, s) + (i < values.length ? String(values[i]) : '')).join('');
}

/**
 * English counterpart of words(): the static text (written in the CPPCC's words) is put into the
 * NPC's for a suggestion, what is interpolated is left as it is:
 * enWords('suggestion')`Proposal “${title}” was assigned` → Suggestion “…” was assigned.
 */
export function enWords(kind: ProposalKind) {
  return (strings: TemplateStringsArray, ...values: unknown[]): string =>
    strings.map((s, i) => inEnglishWordsOf(kind, s) + (i < values.length ? String(values[i]) : '')).join('');
}
