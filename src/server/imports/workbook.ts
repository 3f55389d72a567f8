import ExcelJS from 'exceljs';
import type { ImportColumn, ImportSheet } from '../../shared/imports/layouts.js';
import { MAX_IMPORT_BYTES } from '../../shared/imports/layouts.js';
import { AppError, invalid } from '../errors.js';

// Reading and writing the .xlsx files of the office's imports (rosters, past sessions): cells as
// text, header rows found by their names, and the downloadable templates built from the same
// layouts the parser reads.

const ZIP = [0x50, 0x4b, 0x03, 0x04];

export interface GridRow {
  /** The row number as Excel shows it. */
  row: number;
  cells: string[];
}

export interface Grid {
  name: string;
  rows: GridRow[];
}

/** One data row of a sheet: the Excel row number and the values by column key (trimmed text). */
export interface Record_ {
  row: number;
  values: Record<string, string>;
}

const unreadable = (message: string) => new AppError('VALIDATION_FAILED', `无法读取文件：${message}`, [{ path: 'body.contentBase64', message }]);

/** Every sheet of an uploaded .xlsx as rows of text. */
export async function readWorkbook(fileName: string, contentBase64: string): Promise<Grid[]> {
  const content = Buffer.from(contentBase64, 'base64');
  if (content.length === 0) throw invalid('body.contentBase64', '文件内容不能为空');
  if (content.length > MAX_IMPORT_BYTES) throw invalid('body.contentBase64', '文件不能超过10MB');
  if (!/\.xlsx$/i.test(fileName)) throw invalid('body.fileName', '只支持 .xlsx 格式的电子表格文件，请用模板填写');
  if (!ZIP.every((b, i) => content[i] === b)) throw unreadable('文件不是有效的 Excel（.xlsx）文件');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw unreadable('文件已损坏或不是有效的 Excel（.xlsx）文件');
  }
  if (!wb.worksheets.length) throw unreadable('表格中没有工作表');
  return wb.worksheets.map((sheet) => {
    const rows: GridRow[] = [];
    const width = sheet.columnCount;
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)).trim());
      if (cells.some((x) => x !== '')) rows.push({ row: rowNumber, cells });
    });
    return { name: sheet.name.trim(), rows };
  });
}

/** Text of a cell: dates as YYYY-MM-DD (Excel dates carry no time zone), formulas by their result. */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && 'result' in v) {
    const r = (v as { result?: unknown }).result;
    if (r instanceof Date) return r.toISOString().slice(0, 10);
    return r === undefined || r === null ? '' : String(r);
  }
  if (typeof v === 'object' && 'richText' in v) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) return String((v as { text: unknown }).text);
  try {
    return cell.text ?? '';
  } catch {
    return '';
  }
}

const normal = (s: string) => s.replace(/[\s*＊（）()]/g, '').replace(/[／]/g, '/');

function columnFor(header: string, columns: ImportColumn[]): ImportColumn | undefined {
  const h = normal(header);
  if (!h) return undefined;
  return columns.find((c) => [c.header, ...(c.aliases ?? [])].some((n) => normal(n) === h));
}

/** A sheet of the workbook by its name (or an alias), or null. */
export function findSheet(grids: Grid[], layout: ImportSheet): Grid | null {
  const names = [layout.name, ...(layout.aliases ?? [])].map(normal);
  return grids.find((g) => names.includes(normal(g.name))) ?? null;
}

export interface ParsedSheet {
  records: Record_[];
  /** Problems with the sheet itself (no header row, a required column missing). */
  errors: string[];
}

/**
 * The data rows of a sheet laid out as `layout`: the header row is the first of the first ten
 * rows that names every required column; columns are matched by name (or alias), in any order,
 * unknown columns ignored. Rows after the header are records; fully empty rows were dropped.
 */
export function parseSheet(grid: Grid, layout: ImportSheet): ParsedSheet {
  const required = layout.columns.filter((c) => c.required);
  for (const candidate of grid.rows.slice(0, 10)) {
    const map = new Map<number, ImportColumn>();
    candidate.cells.forEach((h, i) => {
      const col = columnFor(h, layout.columns);
      if (col && ![...map.values()].includes(col)) map.set(i, col);
    });
    if (!required.every((c) => [...map.values()].includes(c))) continue;
    const records = grid.rows
      .filter((r) => r.row > candidate.row)
      .map((r) => {
        const values: Record<string, string> = {};
        for (const c of layout.columns) values[c.key] = '';
        for (const [i, col] of map) values[col.key] = (r.cells[i] ?? '').trim();
        return { row: r.row, values };
      });
    return { records, errors: [] };
  }
  const missing = required.map((c) => c.header).join('、');
  return { records: [], errors: [`「${grid.name}」表未找到表头行，须包含列：${missing}`] };
}

/** The template of a layout: one sheet per part with its header and example rows, then 填写说明. */
export async function buildTemplate(sheets: ImportSheet[], notes: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '督办';
  const font = { name: '宋体', size: 11 };
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({ width: c.width }));
    const header = ws.addRow(s.columns.map((c) => (c.required ? `${c.header}*` : c.header)));
    header.font = { ...font, bold: true };
    header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE9E7' } };
    });
    // Text cells throughout, so that numbers with leading zeros and dates stay as typed.
    s.columns.forEach((_, i) => (ws.getColumn(i + 1).numFmt = '@'));
    for (const ex of s.examples) ws.addRow(ex).font = font;
  }
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 14 }, { width: 16 }, { width: 8 }, { width: 70 }];
  const title = help.addRow(['填写说明']);
  title.font = { ...font, size: 14, bold: true };
  for (const n of notes) help.addRow([n]).font = font;
  help.addRow([]);
  help.addRow(['工作表', '列', '必填', '说明']).font = { ...font, bold: true };
  for (const s of sheets) for (const c of s.columns) help.addRow([s.name, c.header, c.required ? '是' : '', c.note]).font = font;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 2025-05-28, 2025/5/28, 2025.5.28 and 2025年5月28日 as YYYY-MM-DD; null when not a real day. */
export function parseDay(s: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s.trim());
  if (!m) return null;
  const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day ? day : null;
}

/** Rows with errors turn into the refusal every import gives: nothing saved, every row listed. */
export function rowErrors(errors: { row: number | null; sheet?: string | null; message: string }[]): AppError {
  const lines = errors.map((e) => `${e.sheet ? `「${e.sheet}」表` : ''}${e.row ? `第${e.row}行：` : ''}${e.message}`);
  const shown = lines.slice(0, 200);
  return new AppError(
    'VALIDATION_FAILED',
    `文件有${lines.length}处错误，未导入任何内容：${shown.slice(0, 3).join('；')}${lines.length > 3 ? '……' : ''}`,
    shown.map((message, i) => ({ path: `rows.${errors[i]!.row ?? 0}`, message })),
  );
}
