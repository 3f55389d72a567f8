// The layout of the government key-task table as it circulates in spreadsheets:
//   分管市长 | 序号 | 主要工作任务 | 一季度重点工作完成情况 | 责任单位
// The leader's name stands only on the first row of the leader's group, 序号 restarts at 1 per
// leader, units are separated by 、 and the unit after ★ leads (no ★: every unit leads).
// Pure code shared by the import (server) and the web preview; no I/O here.

export interface TaskUnitCell {
  name: string;
  isLead: boolean;
}

export interface ParsedTaskRow {
  /** Row number in the file (1-based, header included), for messages. */
  row: number;
  leaderName: string;
  seq: number;
  text: string;
  /** The progress column (一季度重点工作完成情况…), '' when empty or absent. */
  progress: string;
  units: TaskUnitCell[];
}

export interface TableIssue {
  row: number;
  message: string;
}

export interface ParsedTable {
  rows: ParsedTaskRow[];
  /** Header of the progress column, e.g. 一季度重点工作完成情况; null when the table has none. */
  progressLabel: string | null;
  errors: TableIssue[];
}

/** A grid row: its number in the file and its cells as text. */
export interface GridRow {
  row: number;
  cells: string[];
}

type Column = 'leader' | 'seq' | 'text' | 'progress' | 'units';

const DEFAULT_COLUMNS: Column[] = ['leader', 'seq', 'text', 'progress', 'units'];
const UNIT_SEPARATORS = /[、,，;；\n]+/;
const STAR = /[★☆]/g;
const HAS_STAR = /[★☆]/;

function columnOf(header: string): Column | null {
  const h = header.replace(/\s/g, '');
  if (h === '') return null;
  if (h.includes('序号')) return 'seq';
  if (h.includes('责任单位') || h.includes('牵头单位') || h === '单位') return 'units';
  if (h.includes('完成情况') || h.includes('进展') || h.includes('推进情况')) return 'progress';
  if (h.includes('任务')) return 'text';
  if (h.includes('市长') || h.includes('领导')) return 'leader';
  return null;
}

/** The header row: a row naming 序号 and a task column. */
function findHeader(rows: GridRow[]): { index: number; columns: (Column | null)[]; labels: string[] } | null {
  for (let i = 0; i < Math.min(rows.length, 20); i++) {
    const labels = rows[i]!.cells.map((c) => c.trim());
    const columns = labels.map(columnOf);
    if (columns.includes('seq') && columns.includes('text')) return { index: i, columns, labels };
  }
  return null;
}

/** Splits 责任单位: ★ marks the lead; without any ★ every unit leads. */
export function parseUnitsCell(cell: string): TaskUnitCell[] {
  const parts = cell.split(UNIT_SEPARATORS).map((p) => p.trim()).filter((p) => p.replace(STAR, '').trim() !== '');
  const anyStar = parts.some((p) => HAS_STAR.test(p));
  const out: TaskUnitCell[] = [];
  for (const p of parts) {
    const starred = HAS_STAR.test(p);
    const name = p.replace(STAR, '').replace(/\s+/g, '');
    const existing = out.find((u) => u.name === name);
    if (existing) existing.isLead ||= starred;
    else out.push({ name, isLead: anyStar ? starred : true });
  }
  return out;
}

/** The 责任单位 cell again: ★ before each lead unit, no ★ when every unit leads (round trip). */
export function formatUnitsCell(units: readonly TaskUnitCell[]): string {
  const allLead = units.every((u) => u.isLead);
  return units.map((u) => (!allLead && u.isLead ? `★${u.name}` : u.name)).join('、');
}

function parseSeq(cell: string): number | null {
  const m = /^\s*(\d+)\s*[.、．]?\s*$/.exec(cell);
  return m ? Number(m[1]) : null;
}

/**
 * Reads the grid of a table (text or spreadsheet cells). Errors do not stop the reading, so that
 * every faulty row can be reported at once; the caller refuses the import when there are any.
 * `leaderOmittable`: text rows may leave the leader cell out entirely (one cell fewer).
 */
export function parseTaskGrid(grid: GridRow[], opts: { leaderOmittable?: boolean } = {}): ParsedTable {
  const rows = grid.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = findHeader(rows);
  const columns = header ? header.columns : DEFAULT_COLUMNS;
  const body = header ? rows.slice(header.index + 1) : rows;
  const progressIndex = columns.indexOf('progress');
  const progressLabel = header && progressIndex >= 0 ? header.labels[progressIndex]! : header ? null : '完成情况';
  const errors: TableIssue[] = [];
  const out: ParsedTaskRow[] = [];
  if (header) {
    for (const need of ['leader', 'units'] as const) {
      if (!columns.includes(need)) errors.push({ row: rows[header.index]!.row, message: `表头缺少「${need === 'leader' ? '分管市长' : '责任单位'}」列` });
    }
    if (errors.length) return { rows: [], progressLabel, errors };
  }
  const width = columns.length;
  const leaderAt = columns.indexOf('leader');
  let leader = '';
  let expected = 1;
  const seenLeaders = new Set<string>();

  for (const r of body) {
    let cells = r.cells.map((c) => c.trim());
    if (opts.leaderOmittable && leaderAt === 0 && cells.length === width - 1) cells = ['', ...cells];
    if (opts.leaderOmittable && cells.length !== width) {
      errors.push({ row: r.row, message: `第${r.row}行：列数不符，应为${width}列（续行可省略分管市长）` });
      continue;
    }
    const get = (c: Column) => {
      const i = columns.indexOf(c);
      return i >= 0 ? (cells[i] ?? '').trim() : '';
    };
    const name = get('leader').replace(/\s+/g, '');
    if (name && name !== leader) {
      if (seenLeaders.has(name)) {
        errors.push({ row: r.row, message: `第${r.row}行：分管市长「${name}」再次出现，同一位分管市长的任务应连续排列` });
      }
      seenLeaders.add(name);
      leader = name;
      expected = 1;
    }
    if (!leader) {
      errors.push({ row: r.row, message: `第${r.row}行：第一行任务没有填写分管市长` });
      continue;
    }
    const seqCell = get('seq');
    const seq = parseSeq(seqCell);
    const text = get('text');
    const units = parseUnitsCell(get('units'));
    const rowErrors: string[] = [];
    if (seq === null) rowErrors.push(seqCell ? `序号「${seqCell}」不是数字` : '缺少序号');
    else if (seq !== expected) rowErrors.push(`序号应为${expected}，实际为${seq}（每位分管市长的序号从1开始连续编号）`);
    if (!text) rowErrors.push('缺少主要工作任务');
    if (units.length === 0) rowErrors.push('缺少责任单位');
    if (rowErrors.length) errors.push({ row: r.row, message: `第${r.row}行：${rowErrors.join('；')}` });
    // Keep counting from what the row says, so one wrong number is reported once, not on every later row.
    expected = (seq ?? expected) + 1;
    if (rowErrors.length) continue;
    out.push({ row: r.row, leaderName: leader, seq: seq!, text, progress: get('progress'), units });
  }
  if (out.length === 0 && errors.length === 0) errors.push({ row: 0, message: '文件中没有任务行' });
  return { rows: out, progressLabel, errors };
}

/** The pipe-delimited text layout (one row per line, a trailing | allowed). */
export function textToGrid(content: string): GridRow[] {
  return content
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line, i) => {
      const cells = line.split('|');
      if (line.trimEnd().endsWith('|')) cells.pop();
      return { row: i + 1, cells };
    })
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
}

export function parseTaskText(content: string): ParsedTable {
  return parseTaskGrid(textToGrid(content), { leaderOmittable: true });
}

/** Identity of a task inside its list: same leader, number and text means the same task. */
export function taskContentKey(leaderName: string, seq: number, text: string): string {
  return `${leaderName}\u0001${seq}\u0001${text.replace(/\s+/g, '')}`;
}

/**
 * The 完成情况 of a task from its lead units' sent reports: the text once when they all say the
 * same (the progress column of an imported table is stored for every lead unit), otherwise each
 * under its unit's name.
 */
export function leadProgressText(reports: readonly { unitName: string; progress: string }[]): string {
  if (reports.length === 0) return '';
  if (reports.every((r) => r.progress === reports[0]!.progress)) return reports[0]!.progress;
  return reports.map((r) => `${r.unitName}：${r.progress}`).join('\n');
}
