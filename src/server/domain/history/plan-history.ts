import { and, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { bodies, members, proposals, sessions, units } from '../../db/schema.js';
import { HISTORY_LAYOUT, splitNames, type ImportSheet } from '../../../shared/imports/layouts.js';
import type { Category, Disclosure, ProposalKind, ResultClass, Satisfaction, SubmittedDuring } from '../../../shared/domain.js';
import type { HistoryPreview } from '../../../shared/schemas/imports.js';
import { findSheet, parseDay, parseSheet, readWorkbook, type Grid, type Record_ } from '../../imports/workbook.js';
import type { Actor } from '../actor.js';
import { organAllows } from '../office/staff-session.js';
import { cellsOf } from '../rosters/roster-rows.js';
import {
  CATEGORY_OF, CLASS_OF, DECISION_OF, DISCLOSURE_OF, DURING_OF, KIND_OF, NO, SATISFACTION_OF, YES, wholeNumber, type Decision,
} from './history-values.js';

// 历史届次导入, step one: read the workbook (届次 / 提案 / 答复 / 测评), check every row against
// the others and the tenant's data, and describe what would be written. Writes nothing.

export interface ReplyPlan {
  row: number;
  unit: string;
  round: number;
  resultClass: ResultClass;
  replyDate: string;
  signer: string | null;
  disclosure: Disclosure;
  documentNo: string | null;
  summary: string | null;
}

export interface EvaluationPlan {
  row: number;
  unit: string;
  round: number;
  attitude: Satisfaction;
  result: Satisfaction;
  comment: string | null;
}

export interface ProposalPlan {
  row: number;
  number: number | null;
  title: string;
  proposers: string[];
  category: Category;
  submittedDuring: SubmittedDuring;
  decision: Decision;
  mergedInto: number | null;
  isKey: boolean;
  /** 主办 (with 会办) or, with several, 分办 units. */
  leadUnits: string[];
  coUnits: string[];
  assignedAt: string | null;
  deadline: string | null;
  replies: ReplyPlan[];
  evaluations: EvaluationPlan[];
}

export interface SessionPlan {
  row: number;
  name: string;
  kind: ProposalKind;
  term: number;
  meeting: number;
  year: number;
  plenaryStart: string | null;
  plenaryEnd: string | null;
  /** An empty session of the same organ, term and meeting that the import fills. */
  existingId: number | null;
  proposals: ProposalPlan[];
}

export interface HistoryPlan {
  sessions: SessionPlan[];
  /** Proposer names by kind that are neither a body nor a member yet. */
  newMembers: { name: string; kind: ProposalKind }[];
  newUnits: string[];
  memberIds: Map<string, number>;
  bodyIds: Map<string, number>;
  unitIds: Map<string, number>;
  errors: { sheet: string | null; row: number | null; message: string }[];
}

const [SESSIONS, PROPOSALS, REPLIES, EVALUATIONS] = HISTORY_LAYOUT as [ImportSheet, ImportSheet, ImportSheet, ImportSheet];
// The keys each sheet's layout gives its values under (see HISTORY_LAYOUT).
const SESSION_KEYS = ['name', 'kind', 'term', 'meeting', 'year', 'plenaryStart', 'plenaryEnd'] as const;
const PROPOSAL_KEYS = ['session', 'number', 'title', 'proposers', 'category', 'submittedDuring', 'decision', 'mergedInto', 'isKey', 'leadUnits', 'coUnits', 'assignedAt', 'deadline'] as const;
const REPLY_KEYS = ['session', 'number', 'unit', 'resultClass', 'replyDate', 'round', 'signer', 'disclosure', 'documentNo', 'summary'] as const;
const EVALUATION_KEYS = ['session', 'number', 'unit', 'attitude', 'result', 'round', 'comment'] as const;
const NUL = { test: (s: string) => s.includes('\u0000') };

export async function planHistory(tx: Executor, actor: Actor, fileName: string, contentBase64: string, today: string): Promise<HistoryPlan> {
  const grids = await readWorkbook(fileName, contentBase64);
  const errors: HistoryPlan['errors'] = [];
  const err = (sheet: string | null, row: number | null, message: string) => errors.push({ sheet, row, message });
  const sheet = (layout: ImportSheet, required: boolean): Record_[] => {
    const g: Grid | null = findSheet(grids, layout);
    if (!g) {
      if (required) err(null, null, `缺少「${layout.name}」工作表，请使用导入模板`);
      return [];
    }
    const parsed = parseSheet(g, layout);
    for (const e of parsed.errors) err(layout.name, null, e);
    for (const r of parsed.records) {
      if (Object.values(r.values).some((v) => NUL.test(v))) err(layout.name, r.row, '含有非法字符');
      const long = Object.entries(r.values).find(([k, v]) => v.length > (k === 'summary' ? 50000 : k === 'title' ? 200 : 2000));
      if (long) err(layout.name, r.row, `「${layout.columns.find((c) => c.key === long[0])!.header}」过长`);
    }
    return parsed.records;
  };

  // ——— 届次 ———
  const sessionPlans: SessionPlan[] = [];
  const byName = new Map<string, SessionPlan>();
  for (const r of sheet(SESSIONS, true)) {
    const v = cellsOf(r.values, SESSION_KEYS);
    const e = (m: string) => err(SESSIONS.name, r.row, m);
    const kind = KIND_OF.get(v.kind);
    const term = wholeNumber(v.term);
    const meeting = wholeNumber(v.meeting);
    const year = wholeNumber(v.year);
    if (!v.name) e('届次名称不能为空');
    if (!kind) e(`类型「${v.kind}」无效，应为政协提案或人大代表建议`);
    if (!term || term > 99) e('届应为1到99的数字');
    if (!meeting || meeting > 20) e('次应为1到20的数字');
    if (!year || year < 1990 || year > Number(today.slice(0, 4))) e(`年度应为1990到${today.slice(0, 4)}之间的年份`);
    const plenaryStart = v.plenaryStart ? parseDay(v.plenaryStart) : null;
    const plenaryEnd = v.plenaryEnd ? parseDay(v.plenaryEnd) : null;
    if (v.plenaryStart && !plenaryStart) e(`大会开始日期「${v.plenaryStart}」无效`);
    if (v.plenaryEnd && !plenaryEnd) e(`大会结束日期「${v.plenaryEnd}」无效`);
    if (plenaryStart && plenaryEnd && plenaryEnd < plenaryStart) e('大会结束日期早于开始日期');
    if (byName.has(v.name)) e(`届次名称「${v.name}」重复`);
    if (kind && !organAllows(actor, kind)) e(`您所在机关不办理${kind === 'suggestion' ? '人大代表建议' : '政协提案'}，不能导入该届次`);
    const plan: SessionPlan = { row: r.row, name: v.name, kind: kind ?? 'proposal', term: term ?? 0, meeting: meeting ?? 0, year: year ?? 0, plenaryStart, plenaryEnd, existingId: null, proposals: [] };
    if (kind && term && meeting) {
      const [s] = await tx.select().from(sessions).where(and(eq(sessions.tenantId, actor.tenantId), eq(sessions.kind, kind), eq(sessions.term, term), eq(sessions.meeting, meeting)));
      if (s) {
        const [{ n }] = (await tx.select({ n: count() }).from(proposals).where(eq(proposals.sessionId, s.id))) as [{ n: number }];
        if (Number(n) > 0) e(`届次「${s.name}」已有${n}件提案，不能重复导入`);
        else if (s.isCurrent) e(`届次「${s.name}」是当前届次，不能作为历史届次导入`);
        else plan.existingId = s.id;
      }
    }
    if (v.name && !byName.has(v.name)) byName.set(v.name, plan);
    sessionPlans.push(plan);
  }
  if (!sessionPlans.length && !errors.length) err(SESSIONS.name, null, '没有届次');

  // ——— 提案 ———
  const proposalOf = new Map<string, ProposalPlan>(); // `${session}#${number}`
  const allProposals: { session: SessionPlan; p: ProposalPlan }[] = [];
  for (const r of sheet(PROPOSALS, true)) {
    const v = cellsOf(r.values, PROPOSAL_KEYS);
    const e = (m: string) => err(PROPOSALS.name, r.row, m);
    const session = byName.get(v.session);
    if (!session) e(v.session ? `届次「${v.session}」不在「届次」表中` : '届次名称不能为空');
    const decision = v.decision ? DECISION_OF.get(v.decision) : 'filed';
    if (!decision) e(`审查结果「${v.decision}」无效，应为立案、作为来信处理或转社情民意`);
    const number = v.number ? wholeNumber(v.number) : null;
    if (v.number && (!number || number < 1)) e(`编号「${v.number}」无效`);
    if (decision === 'filed' && !v.number) e('立案的提案须填写编号');
    if (decision && decision !== 'filed' && v.number) e('未立案的提案不应有编号');
    if (!v.title) e('案由不能为空');
    const proposers = splitNames(v.proposers);
    if (!proposers.length) e('提案人不能为空');
    if (new Set(proposers).size !== proposers.length) e('提案人重复');
    const category = v.category ? CATEGORY_OF.get(v.category) : 'other';
    if (!category) e(`类别「${v.category}」无效`);
    const during = v.submittedDuring ? DURING_OF.get(v.submittedDuring) : 'plenary';
    if (!during) e(`提出时间「${v.submittedDuring}」无效，应为大会期间或平时`);
    const isKey = YES.has(v.isKey);
    if (!isKey && !NO.has(v.isKey)) e(`重点提案「${v.isKey}」无效，应为“是”或空`);
    const mergedInto = v.mergedInto ? wholeNumber(v.mergedInto) : null;
    if (v.mergedInto && !mergedInto) e(`并入编号「${v.mergedInto}」无效`);
    const leadUnits = splitNames(v.leadUnits);
    const coUnits = splitNames(v.coUnits);
    if (leadUnits.length > 1 && coUnits.length) e('分办（多个主办单位）时不设会办单位');
    if (new Set([...leadUnits, ...coUnits]).size !== leadUnits.length + coUnits.length) e('承办单位重复');
    if (!leadUnits.length && coUnits.length) e('有会办单位时须填写主办单位');
    if (decision !== 'filed' && leadUnits.length) e('未立案的提案不应有承办单位');
    if (mergedInto && leadUnits.length) e('并入其他提案的不单独交办，承办单位留空');
    if (mergedInto && mergedInto === number) e('不能并入自身');
    if (mergedInto && isKey) e('并入其他提案的不能单独作为重点提案');
    const assignedAt = v.assignedAt ? parseDay(v.assignedAt) : null;
    if (v.assignedAt && !assignedAt) e(`交办日期「${v.assignedAt}」无效`);
    if (leadUnits.length && !v.assignedAt) e('有承办单位时须填写交办日期');
    const deadline = v.deadline ? parseDay(v.deadline) : null;
    if (v.deadline && !deadline) e(`办理期限「${v.deadline}」无效`);
    if (assignedAt && deadline && deadline < assignedAt) e('办理期限早于交办日期');
    if (assignedAt && assignedAt > today) e('交办日期晚于今天');
    const p: ProposalPlan = {
      row: r.row, number, title: v.title, proposers, category: category ?? 'other', submittedDuring: during ?? 'plenary', decision: decision ?? 'filed',
      mergedInto, isKey, leadUnits, coUnits, assignedAt, deadline, replies: [], evaluations: [],
    };
    if (session) {
      if (number) {
        const key = `${session.name}#${number}`;
        if (proposalOf.has(key)) e(`编号${number}在「${session.name}」中重复`);
        else proposalOf.set(key, p);
      }
      session.proposals.push(p);
      allProposals.push({ session, p });
    }
  }
  // A merge names a filed proposal of the same session that is not merged itself.
  for (const { session, p } of allProposals) {
    if (!p.mergedInto) continue;
    const primary = proposalOf.get(`${session.name}#${p.mergedInto}`);
    if (!primary) err(PROPOSALS.name, p.row, `并入编号${p.mergedInto}在「${session.name}」中不存在`);
    else if (primary.mergedInto) err(PROPOSALS.name, p.row, `第${p.mergedInto}号本身已并入其他提案，请填写最终的主提案编号`);
  }
  for (const s of sessionPlans) if (!s.proposals.length && s.name) err(SESSIONS.name, s.row, `届次「${s.name}」在「提案」表中没有提案`);

  // ——— 答复 ———
  const target = (layout: ImportSheet, row: number, v: { session: string; number: string }) => {
    const n = wholeNumber(v.number);
    const p = n ? proposalOf.get(`${v.session}#${n}`) : undefined;
    if (!p) err(layout.name, row, `「${v.session}」第${v.number || '?'}号不在「提案」表中`);
    return p;
  };
  for (const r of sheet(REPLIES, false)) {
    const v = cellsOf(r.values, REPLY_KEYS);
    const e = (m: string) => err(REPLIES.name, r.row, m);
    const p = target(REPLIES, r.row, v);
    const resultClass = CLASS_OF.get(v.resultClass.toUpperCase());
    if (!resultClass) e(`答复类别「${v.resultClass}」无效，应为A、B或C`);
    const replyDate = parseDay(v.replyDate);
    if (!replyDate) e(`答复日期「${v.replyDate}」无效`);
    else if (replyDate > today) e('答复日期晚于今天');
    const round = v.round ? wholeNumber(v.round) : 1;
    if (round !== 1 && round !== 2) e('轮次应为1或2');
    const disclosure = v.disclosure ? DISCLOSURE_OF.get(v.disclosure) : 'on_request';
    if (!disclosure) e(`公开属性「${v.disclosure}」无效，应为公开、不公开或依申请公开`);
    if (!p) continue;
    if (!p.leadUnits.includes(v.unit)) {
      e(p.coUnits.includes(v.unit) ? `「${v.unit}」是会办单位，会办单位不单独答复` : `「${v.unit}」不是该提案的主办或分办单位`);
      continue;
    }
    if (p.assignedAt && replyDate && replyDate < p.assignedAt) e('答复日期早于交办日期');
    if (p.replies.some((x) => x.unit === v.unit && x.round === round)) e(`「${v.unit}」的第${round}轮答复重复`);
    if (resultClass && replyDate && disclosure && (round === 1 || round === 2)) {
      p.replies.push({ row: r.row, unit: v.unit, round, resultClass, replyDate, signer: v.signer || null, disclosure, documentNo: v.documentNo || null, summary: v.summary || null });
    }
  }
  for (const { p } of allProposals) {
    for (const x of p.replies) if (x.round === 2 && !p.replies.some((y) => y.unit === x.unit && y.round === 1)) err(REPLIES.name, x.row, `「${x.unit}」有重新办理答复，缺少首次答复`);
  }

  // ——— 测评 ———
  for (const r of sheet(EVALUATIONS, false)) {
    const v = cellsOf(r.values, EVALUATION_KEYS);
    const e = (m: string) => err(EVALUATIONS.name, r.row, m);
    const p = target(EVALUATIONS, r.row, v);
    const attitude = SATISFACTION_OF.get(v.attitude);
    const result = SATISFACTION_OF.get(v.result);
    if (!attitude) e(`办理态度「${v.attitude}」无效，应为满意、基本满意或不满意`);
    if (!result) e(`办理结果「${v.result}」无效，应为满意、基本满意或不满意`);
    const round = v.round ? wholeNumber(v.round) : 1;
    if (round !== 1 && round !== 2) e('轮次应为1或2');
    if (!p) continue;
    if (![...p.leadUnits, ...p.coUnits].includes(v.unit)) {
      e(`「${v.unit}」不是该提案的承办单位`);
      continue;
    }
    if (!p.replies.some((x) => x.round === round)) e(`该提案没有第${round ?? 1}轮答复，不能测评`);
    if (p.evaluations.some((x) => x.unit === v.unit && x.round === round)) e(`「${v.unit}」的第${round}轮测评重复`);
    if (attitude && result && (round === 1 || round === 2)) p.evaluations.push({ row: r.row, unit: v.unit, round, attitude, result, comment: v.comment || null });
  }

  // ——— names: units, bodies, members ———
  const unitNames = [...new Set(allProposals.flatMap(({ p }) => [...p.leadUnits, ...p.coUnits]))];
  const knownUnits = await tx.select({ id: units.id, name: units.name }).from(units).where(eq(units.tenantId, actor.tenantId));
  const unitIds = new Map(knownUnits.filter((u) => unitNames.includes(u.name)).map((u) => [u.name, u.id]));
  const newUnits = unitNames.filter((n) => !unitIds.has(n));
  for (const n of newUnits) if (n.length > 100) err(PROPOSALS.name, null, `单位名称「${n.slice(0, 20)}…」超过100字`);

  const proposerNames = [...new Set(allProposals.flatMap(({ p }) => p.proposers))];
  const bodyRows = proposerNames.length
    ? await tx.select({ id: bodies.id, name: bodies.name }).from(bodies).where(and(eq(bodies.tenantId, actor.tenantId), inArray(bodies.name, proposerNames)))
    : [];
  const bodyIds = new Map(bodyRows.map((b) => [b.name, b.id]));
  const memberRows = proposerNames.length
    ? await tx.select({ id: members.id, name: members.name, kind: members.kind }).from(members).where(and(eq(members.tenantId, actor.tenantId), inArray(members.name, proposerNames)))
    : [];
  const memberIds = new Map<string, number>();
  const newMembers: HistoryPlan['newMembers'] = [];
  for (const { session, p } of allProposals) {
    for (const name of p.proposers) {
      if (bodyIds.has(name)) continue;
      const key = `${session.kind}:${name}`;
      if (memberIds.has(key) || newMembers.some((m) => m.kind === session.kind && m.name === name)) continue;
      const found = memberRows.filter((m) => m.name === name && m.kind === session.kind);
      if (found.length > 1) err(PROPOSALS.name, p.row, `名册中有${found.length}位名为「${name}」的${session.kind === 'suggestion' ? '代表' : '委员'}，无法确定是哪一位`);
      else if (found.length === 1) memberIds.set(key, found[0]!.id);
      else if (name.length > 50) err(PROPOSALS.name, p.row, `提案人「${name.slice(0, 20)}…」超过50字`);
      else newMembers.push({ name, kind: session.kind });
    }
  }
  return { sessions: sessionPlans, newMembers, newUnits, memberIds, bodyIds, unitIds, errors };
}

/** What the preview shows: per session the counts the import would write, the names it would add. */
export function previewOf(fileName: string, plan: HistoryPlan, knownUnitNames: string[]): HistoryPreview {
  return {
    fileName,
    sessions: plan.sessions.map((s) => {
      const ps = s.proposals;
      const leadClass = (p: ProposalPlan) => {
        const lead = p.leadUnits[0];
        const mine = p.replies.filter((r) => r.unit === lead).sort((a, b) => b.round - a.round);
        return mine[0]?.resultClass;
      };
      const classes = { A: 0, B: 0, C: 0 };
      for (const p of ps) {
        const c = leadClass(p);
        if (c) classes[c]++;
      }
      return {
        name: s.name,
        kind: s.kind,
        year: s.year,
        existing: s.existingId !== null,
        received: ps.length,
        filed: ps.filter((p) => p.decision === 'filed').length,
        notFiled: ps.filter((p) => p.decision !== 'filed').length,
        merged: ps.filter((p) => p.mergedInto).length,
        keyProposals: ps.filter((p) => p.isKey).length,
        assigned: ps.filter((p) => p.leadUnits.length).length,
        replies: ps.reduce((n, p) => n + p.replies.length, 0),
        evaluations: ps.reduce((n, p) => n + p.evaluations.length, 0),
        classes,
      };
    }),
    newMembers: plan.newMembers.map((m) => m.name),
    newUnits: plan.newUnits.map((name) => ({ name, similar: similarUnit(name, knownUnitNames) })),
    errors: plan.errors,
  };
}

/** A directory unit the new name may mean (发改局 → 发展和改革局), so the office can fix the file. */
function similarUnit(name: string, known: string[]): string | null {
  const core = name.replace(/(局|委|办|部|中心|分局)$/, '');
  const subsequence = (short: string, long: string) => {
    let i = 0;
    for (const ch of long) if (ch === short[i]) i++;
    return i === short.length;
  };
  const fits = known.filter((k) => k !== name && (subsequence(name, k) || subsequence(k, name) || (core.length >= 2 && k.startsWith(core))));
  return fits.sort((a, b) => a.length - b.length)[0] ?? null;
}
