// Measurable targets read from a task's text: 新增城镇就业8000人以上, 完成绿化提升1000亩,
// 一般公共预算收入增长2.5%, 新增光伏装机6万千瓦, 城乡居民人均可支配收入分别增长5%和6%.
// Pure code shared by the import (server), its preview (web) and the demo seed.
//
// The rules (docs/architecture.md, "Targets read from the text"):
// - A clause is the text between ，。；：! ? and line breaks. Inside a clause, a quantity is a
//   number (Arabic digits, full-width too) with an optional magnitude (万, 亿 …) and a unit of the
//   list below. A quantity that ends its clause, or is followed by 、和及与 and more, is a target;
//   one followed by more words is part of the name (10亿元以上产业项目12个: the 10亿元 qualifies).
// - The name (label) is the item's words before the value, without leading words of intent or
//   scope (力争, 确保, 全年, 全市, 完成, 实现 …); the predicate next to the value stays (增长,
//   达到, 控制在), so the label reads naturally before the value.
// - Several values of one subject (…分别增长5%和6%) are split when the subject splits into as
//   many parts (城乡 → 城镇/农村, A、B, A和B); a list 培育未来工厂1家、智能工厂5家 carries its verb.
// - Whatever the rules cannot settle is kept but marked uncertain, with the reason, so that the
//   import preview asks: a range (5%-6%, lower bound taken), an unknown or missing unit, values
//   that cannot be matched to names, a count before its noun without a verb, 各, a value inside
//   brackets, a name too short or too long. Chinese numerals (两个, 三所) are not read at all:
//   slogans use them too (三改一拆, 一网统管).

export interface TargetGuess {
  label: string;
  targetValue: number;
  unit: string;
}

export interface ExtractedTarget extends TargetGuess {
  /** The rules could not settle the target: the preview asks for a decision. */
  uncertain: boolean;
  /** Why it is uncertain, in Chinese; null when certain. */
  reason: string | null;
}

/** At most this many targets per task (the task editor's limit). */
export const MAX_TARGETS = 20;

/** Units of measure, longest first where one is the start of another. */
const BASE_UNITS = [
  '微克/立方米', '吨标准煤', '个百分点', '个工作日', '平方千米', '平方公里', '标准箱', '个月', '平方米', '立方米', '千瓦时',
  '人次', '户次', '家次', '辆次', '千瓦', '兆瓦', '公里', '千米', '公顷', '美元', '微克', '毫克', '公斤', '千克', '小时', '分钟',
  '元', '人', '户', '亩', '%', '‰', '吨', '家', '个', '项', '所', '座', '套', '辆', '张', '条', '处', '场', '间', '台', '份', '批',
  '名', '件', '株', '棵', '艘', '盏', '只', '头', '册', '篇', '次', '起', '宗', '幢', '栋', '支', '组', '部', '片', '床', '位',
  '例', '米', '天', '倍', '度', '对', '斤',
];
/** Units that count things and may stand before the noun they count (新建10个未来社区). */
const CLASSIFIERS = new Set(['个', '家', '所', '座', '套', '辆', '张', '条', '处', '场', '间', '台', '份', '批', '名', '件', '株', '棵', '艘', '盏', '只', '头', '册', '篇', '项', '位', '例', '支', '组', '部', '片', '幢', '栋', '户']);
const MAGNITUDES = ['万亿', '千万', '百万', '十万', '万', '亿', '千', '百'];
/** Words after a number that make it a date, an age, an ordinal or a grade, never a target. */
const NOT_A_UNIT = /^(年|月|日|号|季度|时|期|届|版|代|级|星|周岁|岁|周|后|前|型|类|方面|点|层|楼|路|线|号线|热线|平台|专线|系统|工程|行动|计划|G|A|\+)/;
/** Qualifiers after a value: 8000人以上, 5%左右, 26微克以内. */
const AFTER_VALUE = /^(及以上|以上|以下|以内|左右|上下|内)/;
const RANGE_SEP = /^\s*(-|－|~|～|—|–|至|到)\s*/;
/** Separators between items of one clause: 学位3000个、托位500个; 5%和6%. */
const LIST_SEP = /^[、和及与或]/;
const CLAUSE_SPLIT = /[。；;！!？?，,：:\n\r]+/;

// Leading words of intent, time or scope: not part of what is measured.
const LEADING = [
  /^(力争|确保|努力|争取|计划|预计|全年|年内|今年|当年|全市|全区|全县|全镇|累计|其中|同时|并且|并|还|再|共|完成|实现|达到)/,
  /^(到|至|在)?\d{4}年(底|末|内)?前?/,
  /^(上半年|下半年|年底前|年底)/,
];
/** Verbs a list's later items share with the first: 培育省级未来工厂1家、智能工厂5家. */
const VERBS = [
  '新建改扩建', '新改扩建', '新建改建', '新改建', '新开工', '新引进', '新招引', '新培育', '新认定', '新签约', '改扩建', '新增', '新建', '建成', '建设',
  '培育', '引进', '招引', '创建', '创成', '打造', '改造', '开工', '实施', '举办', '开展', '认定', '签约', '种植', '培训', '发放', '选派', '开通',
  '上线', '建立', '设立', '推广', '落地', '投用', '提供', '招聘', '吸纳', '完成', '组织', '评选', '命名', '整治', '盘活', '修复', '治理',
];
/** Words that make an item a statement of its own (its own predicate), so it takes no verb from before. */
const PREDICATES = /(增长|下降|提高|提升|降低|控制|达到|稳定|突破|超过|减少|压减|压降|保持|为|占)/;

interface Quantity {
  start: number;
  /** After the unit and any 以上/左右. */
  end: number;
  value: number;
  /** Upper bound of a range (5%-6%). */
  upTo: number | null;
  unit: string;
  /** The unit is not one of the list (株 is, 口 is not) or missing. */
  unknownUnit: boolean;
  qualifier: string;
}

const toHalfWidth = (s: string) =>
  s
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF05\uFF0E\uFF0B\uFF0D]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1');

const startsWithAny = (s: string, list: readonly string[]) => list.find((u) => s.startsWith(u)) ?? null;
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isCjk = (c: string | undefined) => c !== undefined && /[\u4e00-\u9fff]/.test(c);

/** Reads a number (with its magnitude and unit) at i, or null when what stands there is no quantity. */
function readQuantity(clause: string, i: number): Quantity | null {
  const num = /^\d+(?:\.\d+)?/.exec(clause.slice(i));
  if (!num) return null;
  let at = i + num[0].length;
  const value = Number(num[0]);
  let upTo: number | null = null;
  const unitAt = (pos: number) => {
    const mag = startsWithAny(clause.slice(pos), MAGNITUDES) ?? '';
    let p = pos + mag.length;
    const approx = /^(余|多)/.exec(clause.slice(p))?.[0] ?? '';
    p += approx.length;
    const unit = startsWithAny(clause.slice(p), BASE_UNITS);
    return { mag, unit, end: unit ? p + unit.length : p, afterApprox: p };
  };
  let u = unitAt(at);
  // A range: 5-6%, 5%-6%, 8000至10000人.
  const range = (from: number) => {
    const sep = RANGE_SEP.exec(clause.slice(from));
    if (!sep) return null;
    const second = /^\d+(?:\.\d+)?/.exec(clause.slice(from + sep[0].length));
    if (!second) return null;
    const v = unitAt(from + sep[0].length + second[0].length);
    return v.unit ? { value: Number(second[0]), unit: v, end: v.end } : null;
  };
  if (!u.unit) {
    const r = range(at);
    if (r && !u.mag) {
      upTo = r.value;
      u = r.unit;
      at = r.end;
    }
  } else {
    const r = range(u.end);
    if (r && r.unit.mag + r.unit.unit === u.mag + u.unit) {
      upTo = r.value;
      at = r.end;
    } else at = u.end;
  }
  if (!u.unit) {
    // No unit of the list: a date, an ordinal or a code (2025年, 5G, 1+3+N) is no quantity; a
    // number closing its clause with a word we do not know (3000口) is, but uncertain.
    const rest = clause.slice(u.afterApprox);
    if (!u.mag && NOT_A_UNIT.test(rest)) return null;
    let word = /^[\u4e00-\u9fff]{0,3}/.exec(rest)![0];
    const cut = word.search(/以上|以下|以内|左右|上下|内/);
    if (cut >= 0) word = word.slice(0, cut);
    const tail = rest.slice(word.length);
    const q = AFTER_VALUE.exec(tail)?.[0] ?? '';
    const closes = tail.slice(q.length) === '' || LIST_SEP.test(tail.slice(q.length)) || /^[（(]/.test(tail.slice(q.length));
    if (!closes || /[A-Za-z+]/.test(rest[0] ?? '')) return null;
    if (word && NOT_A_UNIT.test(word)) return null;
    return { start: i, end: u.afterApprox + word.length + q.length, value, upTo, unit: u.mag + word, unknownUnit: true, qualifier: q };
  }
  if (upTo === null) at = u.end;
  const q = AFTER_VALUE.exec(clause.slice(at))?.[0] ?? '';
  // 5%及以上 ends at the qualifier; anything else after it is read by the caller.
  return { start: i, end: at + q.length, value, upTo, unit: u.mag + u.unit!, unknownUnit: false, qualifier: q };
}

function quantitiesOf(clause: string): Quantity[] {
  const out: Quantity[] = [];
  for (let i = 0; i < clause.length; i++) {
    if (!isDigit(clause[i])) continue;
    const prev = clause[i - 1];
    // Inside a code or a decimal (PM2.5, R&D2, 3.5 read from its start), or an ordinal (第3批).
    if (prev !== undefined && (/[A-Za-z\d.]/.test(prev) || prev === '第')) {
      while (isDigit(clause[i + 1]) || clause[i + 1] === '.') i++;
      continue;
    }
    const q = readQuantity(clause, i);
    if (q) {
      out.push(q);
      i = q.end - 1;
    } else while (isDigit(clause[i + 1]) || clause[i + 1] === '.') i++;
  }
  return out;
}

/** Leading words of intent and scope off, stray brackets and quotes off. */
function cleanLabel(raw: string): string {
  let s = raw.replace(/\s+/g, '').replace(/^[、和及与或并，,]+/, '');
  s = balance(s, '（', '）');
  s = balance(s, '(', ')');
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of LEADING) {
      const m = re.exec(s);
      if (m && m[0] && s.length > m[0].length) {
        s = s.slice(m[0].length);
        changed = true;
      }
    }
  }
  s = balance(s, '“', '”');
  s = balance(s, '（', '）');
  s = balance(s, '(', ')');
  s = balance(s, '「', '」');
  return s.replace(/^["'‘’]+|["'‘’]+$/g, '');
}

/** Drops an opening mark without its closing one (or the reverse) at the label's edges. */
function balance(s: string, open: string, close: string): string {
  const opens = s.split(open).length - 1;
  const closes = s.split(close).length - 1;
  if (opens > closes && s.endsWith(open)) return s.slice(0, -1);
  if (opens > closes && s.startsWith(open)) return s.slice(1);
  if (closes > opens && s.startsWith(close)) return s.slice(1);
  if (closes > opens && s.endsWith(close)) return s.slice(0, -1);
  return s;
}

const leadingVerb = (label: string) => startsWithAny(label, VERBS);

interface Draft {
  label: string;
  q: Quantity;
  reasons: string[];
}

/** Splits 城乡居民收入 / A、B / A和B into n subjects, or null when it does not split so. */
function splitSubject(subject: string, n: number): string[] | null {
  if (n === 2 && subject.includes('城乡')) return [subject.replace('城乡', '城镇'), subject.replace('城乡', '农村')];
  const parts = subject.split(/[、和与及]/).filter(Boolean);
  if (parts.length !== n) return null;
  const last = parts[n - 1]!;
  // 城镇和农村居民人均可支配收入: the short parts share the last one's tail.
  return parts.map((p, i) => (i < n - 1 && p.length <= 3 && last.length > p.length + 2 ? p + last.slice(p.length) : p));
}

/** The targets of one clause. */
function clauseTargets(clause: string): Draft[] {
  const qs = quantitiesOf(clause);
  const out: Draft[] = [];
  let itemStart = 0;
  let firstVerb: string | null = null;
  let inList = false;
  const bracketed = (at: number) => count(clause.slice(0, at), /[（(]/g) > count(clause.slice(0, at), /[）)]/g);
  let i = 0;
  while (i < qs.length) {
    // A chain: values of one unit joined only by 、和及与或 (5%和6%; 10亿元和50亿元以上).
    let j = i;
    while (j + 1 < qs.length && qs[j + 1]!.start - qs[j]!.end === 1 && LIST_SEP.test(clause.slice(qs[j]!.end)) && sameUnit(qs[j]!, qs[j + 1]!)) j++;
    const chain = qs.slice(i, j + 1);
    const first = chain[0]!;
    const last = chain[chain.length - 1]!;
    const after = clause.slice(last.end);
    const extra = bracketed(first.start) ? ['数值在括号内，请确认是否为考核指标'] : [];
    if (after === '' || LIST_SEP.test(after) || /^[（()）]/.test(after)) {
      const raw = clause.slice(itemStart, first.start);
      out.push(...itemTargets(raw, chain, { inList, firstVerb }).map((d) => ({ ...d, reasons: [...extra, ...d.reasons] })));
      if (!inList) firstVerb = leadingVerb(cleanLabel(raw));
      inList = LIST_SEP.test(after);
      itemStart = last.end + (inList ? 1 : 0);
    } else if (chain.length === 1 && !last.qualifier && !last.unknownUnit && isCjk(after[0]) && !hasLaterTarget(clause, qs, j)) {
      // 新建10个未来社区, 新增1000亩高标准农田: the value before its noun, which runs to the next separator.
      const nounEnd = nextSeparator(clause, last.end);
      const rawBefore = clause.slice(itemStart, last.start);
      const before = cleanLabel(rawBefore);
      const verb = leadingVerb(before) ?? (before === '' && inList ? firstVerb : null);
      const achieved = before === '' && /^(完成|实现)/.test(rawBefore.replace(/^[、和及与或]/, ''));
      // A counting unit after a verb (新建10个) is clear; a measure (亩) only right after the verb.
      const sure = CLASSIFIERS.has(last.unit) ? verb !== null || achieved : verb !== null && verb === before;
      const label = cleanLabel((before === '' && verb ? verb : before) + clause.slice(last.end, nounEnd));
      out.push({ label, q: last, reasons: [...extra, ...(sure ? [] : ['数值写在名称之前，请核对指标名称'])] });
      if (!inList) firstVerb = leadingVerb(label);
      inList = LIST_SEP.test(clause.slice(nounEnd));
      itemStart = nounEnd + (inList ? 1 : 0);
    }
    // Otherwise the values qualify the name that follows (10亿元以上产业项目) and stay in the label.
    i = j + 1;
  }
  return out;
}

const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;

/** 5%和6%, 10亿元和50亿元以上: one chain; 5个、50亿元 are two items. */
const sameUnit = (a: Quantity, b: Quantity) => a.unit === b.unit || a.unit === '';

function hasLaterTarget(clause: string, qs: Quantity[], j: number): boolean {
  for (let k = j + 1; k < qs.length; k++) {
    const after = clause.slice(qs[k]!.end);
    if (after === '' || LIST_SEP.test(after)) return true;
  }
  return false;
}

function nextSeparator(clause: string, from: number): number {
  for (let k = from; k < clause.length; k++) {
    if (/[、（(]/.test(clause[k]!) || (/[和及与或]/.test(clause[k]!) && isDigit(clause[k + 1]))) return k;
  }
  return clause.length;
}

/** The predicate at the end of a subject without 分别: 城乡居民收入增长 → 城乡居民收入 + 增长. */
const PREDICATES_TAIL = /(增长|下降|提高|提升|降低|控制在|达到|稳定在|突破|超过|减少|压减)$/;

function itemTargets(raw: string, chain: Quantity[], ctx: { inList: boolean; firstVerb: string | null }): Draft[] {
  let label = cleanLabel(raw);
  const n = chain.length;
  if (n === 1) {
    // A later item of a list takes the first item's verb: 培育省级未来工厂1家、智能工厂5家.
    if (ctx.inList && ctx.firstVerb && label !== '' && !leadingVerb(label) && !PREDICATES.test(label)) label = ctx.firstVerb + label;
    return [{ label, q: chain[0]!, reasons: [] }];
  }
  // Several values for one name: …分别增长5%和6%.
  const split = /分别/.exec(label);
  const subject = split ? label.slice(0, split.index) : label.replace(PREDICATES_TAIL, '');
  const predicate = split ? label.slice(split.index + 2) : label.slice(subject.length);
  // 10亿元和50亿元以上项目分别8个和2个: the values inside the subject give the names.
  const inner = distributeQualifiers(subject, n);
  const parts = inner ?? (subject && !/\d/.test(subject) ? splitSubject(subject, n) : null);
  const why = `一句中有${n}个目标值，请核对各自的指标名称`;
  return chain.map((q, k) => ({
    label: parts ? parts[k]! + predicate : `${label.replace('分别', '') || '指标'}（${k + 1}）`,
    q,
    reasons: parts && split ? [] : [why],
  }));
}

/** 新签约10亿元和50亿元以上项目 with two values → 新签约10亿元以上项目, 新签约50亿元以上项目. */
function distributeQualifiers(subject: string, n: number): string[] | null {
  const qs = quantitiesOf(subject);
  for (let i = 0; i + n <= qs.length; i++) {
    const chain = qs.slice(i, i + n);
    const joined = chain.every((q, k) => k === 0 || (q.start - chain[k - 1]!.end === 1 && LIST_SEP.test(subject.slice(chain[k - 1]!.end)) && sameUnit(chain[k - 1]!, q)));
    if (!joined) continue;
    const lastQ = chain[n - 1]!;
    const head = subject.slice(0, chain[0]!.start);
    const tail = subject.slice(lastQ.end);
    return chain.map((q) => head + subject.slice(q.start, q.end - q.qualifier.length) + lastQ.qualifier + tail);
  }
  return null;
}

/** A bare 新增面积 names its topic in the clause before: 推进海绵城市建设，新增面积3平方千米. */
const GENERIC = /^(面积|数量|规模|总量|投资|金额|人数|个数)$/;
const TOPIC_VERBS = /^(推进|加快|深化|实施|开展|推动|加强|持续|全面)+/;

function withTopic(d: Draft, previous: string): Draft {
  const verb = leadingVerb(d.label) ?? '';
  if (!previous || /\d/.test(previous) || !GENERIC.test(d.label.slice(verb.length))) return d;
  const topic = cleanLabel(previous).replace(TOPIC_VERBS, '');
  return topic ? { ...d, label: topic + d.label } : d;
}

function finish(d: Draft): ExtractedTarget {
  const reasons = [...d.reasons];
  const q = d.q;
  if (q.upTo !== null) reasons.push(`目标为区间${q.value}—${q.upTo}${q.unit}，已取下限，请确认`);
  if (q.unknownUnit) reasons.push(q.unit ? `计量单位「${q.unit}」不在常用单位中，请确认` : '没有计量单位，请确认');
  if (/各(?![类项级种地界方])/.test(d.label)) reasons.push('「各」表示每一处分别计数，请核对指标');
  if (d.label.length < 2) reasons.push('指标名称过短，请补充');
  if (d.label.length > 40) reasons.push('指标名称过长，请精简');
  return {
    label: d.label.slice(0, 100),
    targetValue: q.value,
    unit: q.unit,
    uncertain: reasons.length > 0,
    reason: reasons.length ? [...new Set(reasons)].join('；') : null,
  };
}

/** Every target the text states, each marked certain or uncertain (with the reason). */
export function extractTargets(text: string): ExtractedTarget[] {
  const out: ExtractedTarget[] = [];
  const seen = new Set<string>();
  let previous = '';
  for (const part of toHalfWidth(text).split(CLAUSE_SPLIT)) {
    const clause = part.trim();
    for (const d of clauseTargets(clause)) {
      const t = finish(withTopic(d, previous));
      const key = `${t.label}\u0001${t.targetValue}\u0001${t.unit}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(t);
    }
    if (clause) previous = clause;
  }
  return out.slice(0, MAX_TARGETS);
}

/** The targets the rules are sure of, as stored without review (the demo seed). */
export function guessTargets(text: string): TargetGuess[] {
  return extractTargets(text)
    .filter((t) => !t.uncertain)
    .map(({ label, targetValue, unit }) => ({ label, targetValue, unit }));
}
