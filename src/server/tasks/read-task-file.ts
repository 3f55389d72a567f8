import ExcelJS from 'exceljs';
import { parseTaskGrid, parseTaskText, type GridRow, type ParsedTable } from '../../shared/tasks/task-table.js';
import { MAX_TASK_FILE_BYTES } from '../../shared/schemas/tasks.js';
import { AppError, invalid } from '../errors.js';

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/**
 * Reads an uploaded table: .xlsx (first sheet, header row found by its 序号 and 任务 columns) or
 * pipe-delimited text. Any faulty row stops the import: the error lists every row and reason.
 */
export async function readTaskFile(fileName: string, contentBase64: string): Promise<ParsedTable> {
  const content = Buffer.from(contentBase64, 'base64');
  if (content.length === 0) throw invalid('body.contentBase64', '文件内容不能为空');
  if (content.length > MAX_TASK_FILE_BYTES) throw invalid('body.contentBase64', '文件不能超过10MB');
  const isXlsx = /\.xlsx$/i.test(fileName);
  let parsed: ParsedTable;
  if (isXlsx) {
    if (!ZIP.every((b, i) => content[i] === b)) throw unreadable('文件不是有效的 Excel（.xlsx）文件');
    parsed = parseTaskGrid(await xlsxGrid(content));
  } else {
    if (content.includes(0)) throw unreadable('文本文件中含有二进制内容，请上传 .xlsx 表格或 UTF-8 文本');
    parsed = parseTaskText(content.toString('utf8'));
  }
  if (parsed.errors.length) {
    const shown = parsed.errors.slice(0, 50);
    throw new AppError(
      'VALIDATION_FAILED',
      `文件有${parsed.errors.length}处错误，未导入任何内容：${shown.slice(0, 3).map((e) => e.message).join('；')}${parsed.errors.length > 3 ? '……' : ''}`,
      shown.map((e) => ({ path: `rows.${e.row}`, message: e.message })),
    );
  }
  return parsed;
}

const unreadable = (message: string) => new AppError('VALIDATION_FAILED', `无法读取文件：${message}`, [{ path: 'body.contentBase64', message }]);

async function xlsxGrid(content: Buffer): Promise<GridRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw unreadable('文件已损坏或不是有效的 Excel（.xlsx）文件');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw unreadable('表格中没有工作表');
  const grid: GridRow[] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    // PostgreSQL text holds no NUL: a cell with one would fail the whole import later.
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)).replaceAll('\u0000', ''));
    grid.push({ row: rowNumber, cells });
  });
  return grid;
}

// Merged cells (a leader's name spanning the group) read as the master's value on every row,
// which the parser treats as the same leader continuing.
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  try {
    return cell.text ?? '';
  } catch {
    return '';
  }
}
