// Responsible units as printed in a task table against the tenant's unit directory. The tables
// write units as people say them: 发改局 for 发展和改革局, 市卫健委, 残联, full-width letters,
// stray spaces. Two printed forms are the same unit when they are equal after normalisation
// (unitKeys), and one abbreviates the other when its characters appear in the other in order and
// both end with the same kind of body (局, 委, 办, 中心 …). Pure code: the import planner uses it
// and the tests pin it down.

export interface NamedUnit {
  id: number;
  name: string;
}

// Endings written in full or short: 政法委员会 = 政法委, 市政府办公室 = 市政府办, 残疾人联合会 = 残联.
const ENDINGS: [RegExp, string][] = [
  [/街道办事处$/, '街道'],
  [/人民政府$/, ''],
  [/委员会$/, '委'],
  [/办公室$/, '办'],
  [/联合会$/, '联'],
];

/** Full-width ASCII to half-width, spaces and middle dots out. */
export function cleanUnitName(name: string): string {
  return name
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000·•]+/g, '');
}

function withEndings(s: string): string {
  for (const [re, to] of ENDINGS) {
    const next = s.replace(re, to);
    if (next !== s && next.length >= 2) return next;
  }
  return s;
}

/**
 * The forms that identify a name: cleaned, endings shortened, and without the region prefix
 * (the tenant's name, its short form, 市 / 区 / 县) when what remains is still a name.
 */
export function unitKeys(name: string, prefixes: readonly string[] = []): string[] {
  const base = withEndings(cleanUnitName(name));
  const keys = new Set([base]);
  for (const p of [...prefixes, '市', '区', '县']) {
    if (p && base.startsWith(p) && base.length - p.length >= 2) keys.add(withEndings(base.slice(p.length)));
  }
  return [...keys];
}

/** The region prefixes of a tenant: 平湖市 → 平湖市, 平湖. */
export function regionPrefixes(tenantName: string): string[] {
  const n = cleanUnitName(tenantName);
  const short = n.replace(/(市|县|区|自治县|自治州)$/, '');
  return short.length >= 2 && short !== n ? [n, short] : [n];
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/** 发改局 abbreviates 发展和改革局; 水务局 does not abbreviate 水务集团 (another kind of body). */
function abbreviatesKey(short: string, long: string): boolean {
  if (short.length < 2 || short.length >= long.length) return false;
  if (short.at(-1) !== long.at(-1)) return false;
  // Two characters must start alike (卫健委 – 卫生健康委); from three on the start may differ (资规局).
  if (short[0] !== long[0] && short.length < 3) return false;
  return isSubsequence(short, long);
}

export const sameUnitName = (a: string, b: string, prefixes: readonly string[] = []) => {
  const kb = new Set(unitKeys(b, prefixes));
  return unitKeys(a, prefixes).some((k) => kb.has(k));
};

/** Either name is a short form of the other. */
export function abbreviates(a: string, b: string, prefixes: readonly string[] = []): boolean {
  const ka = unitKeys(a, prefixes);
  const kb = unitKeys(b, prefixes);
  return ka.some((x) => kb.some((y) => abbreviatesKey(x, y) || abbreviatesKey(y, x)));
}

export interface UnitMatch<U extends NamedUnit> {
  /** same: equal after normalisation; abbreviation: a short or long form of it. */
  kind: 'same' | 'abbreviation';
  /** The matching units, best first (the shortest name); several means the name is ambiguous. */
  units: U[];
}

/** The directory's units a printed name stands for, or null when none does. */
export function matchUnit<U extends NamedUnit>(name: string, directory: readonly U[], prefixes: readonly string[] = []): UnitMatch<U> | null {
  const byLength = (a: U, b: U) => a.name.length - b.name.length || a.id - b.id;
  const same = directory.filter((u) => sameUnitName(name, u.name, prefixes));
  if (same.length) {
    // Of two entries that normalise alike, the one written exactly so wins.
    const exact = same.filter((u) => cleanUnitName(u.name) === cleanUnitName(name));
    return { kind: 'same', units: (exact.length === 1 ? exact : same).sort(byLength) };
  }
  const short = directory.filter((u) => abbreviates(name, u.name, prefixes)).sort(byLength);
  return short.length ? { kind: 'abbreviation', units: short } : null;
}

/**
 * Groups printed names that are one unit (equal after normalisation, or one a short form of the
 * other), each group under the name to create it with: the fullest form, without the tenant's
 * name before it. Returns name → canonical name.
 */
export function groupUnitNames(names: readonly string[], prefixes: readonly string[] = []): Map<string, string> {
  const parent = new Map(names.map((n) => [n, n]));
  const find = (n: string): string => {
    const p = parent.get(n)!;
    if (p === n) return n;
    const r = find(p);
    parent.set(n, r);
    return r;
  };
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = names[i]!;
      const b = names[j]!;
      if (sameUnitName(a, b, prefixes) || abbreviates(a, b, prefixes)) parent.set(find(a), find(b));
    }
  }
  const groups = new Map<string, string[]>();
  for (const n of names) groups.set(find(n), [...(groups.get(find(n)) ?? []), n]);
  const keyLength = (n: string) => Math.min(...unitKeys(n, prefixes).map((k) => k.length));
  const out = new Map<string, string>();
  for (const members of groups.values()) {
    const best = [...members].sort((a, b) => keyLength(b) - keyLength(a) || a.length - b.length)[0]!;
    for (const m of members) out.set(m, best);
  }
  return out;
}

/** The name a new unit gets: cleaned, without the tenant's own name before it (平湖市社会工作部 → 社会工作部). */
export function newUnitName(name: string, prefixes: readonly string[] = []): string {
  const n = cleanUnitName(name);
  const p = prefixes[0];
  return p && n.startsWith(p) && n.length - p.length >= 2 ? n.slice(p.length) : n;
}
