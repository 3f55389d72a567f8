import ExcelJS from 'exceljs';

// The shared look of every exported table: a bold title row over the header, frozen header,
// thin borders, 宋体 11 pt, column widths that fit Chinese text.

export interface Column<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | null;
}

export async function buildSheet<T>(sheetName: string, title: string, columns: Column<T>[], rows: Iterable<T>, footer?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '督办';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const font = { name: '宋体', size: 11 };
  ws.mergeCells(1, 1, 1, columns.length);
  const titleCell = ws.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { name: '宋体', size: 14, bold: true };
  titleCell.alignment = { horizontal: 'center' };
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { ...font, bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  const border = { style: 'thin' as const };
  for (const r of rows) {
    const row = ws.addRow(columns.map((c) => c.value(r)));
    row.font = font;
    row.alignment = { vertical: 'top', wrapText: true };
  }
  ws.eachRow((row, n) => {
    if (n < 2) return;
    row.eachCell({ includeEmpty: true }, (cell) => (cell.border = { top: border, left: border, bottom: border, right: border }));
  });
  if (footer) ws.addRow([footer]).font = { ...font, italic: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
