import ExcelJS from 'exceljs';
import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { PeriodTable } from '../domain/tasks/read-period-table.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const headers = (t: PeriodTable) => ['分管市长', '序号', '主要工作任务', t.progressHeader, '责任单位'];

/** Leader groups as [first row index, row count], for merging the 分管市长 cells. */
function groups(t: PeriodTable): [number, number][] {
  const out: [number, number][] = [];
  t.rows.forEach((r, i) => {
    if (r.firstOfGroup) out.push([i, 1]);
    else out[out.length - 1]![1]++;
  });
  return out;
}

/**
 * The table as .xlsx in the layout it circulates in: the header on row 1, the leader's name on
 * the first row of the group (merged down over the group), 序号 per leader, ★ before the lead.
 */
export async function periodTableXlsx(t: PeriodTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t.period.label.slice(0, 31));
  ws.columns = [{ width: 10 }, { width: 6 }, { width: 40 }, { width: 60 }, { width: 24 }];
  ws.addRow(headers(t)).font = { bold: true };
  for (const r of t.rows) ws.addRow([r.firstOfGroup ? r.leaderName : null, r.seq, r.text, r.progress, r.units]);
  for (const [start, n] of groups(t)) if (n > 1) ws.mergeCells(start + 2, 1, start + n + 1, 1);
  ws.eachRow((row) => {
    row.alignment = { vertical: 'middle', wrapText: true };
    row.eachCell((cell) => {
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    });
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cell = (text: string, opts: { bold?: boolean; rowSpan?: number; center?: boolean } = {}) =>
  new TableCell({
    rowSpan: opts.rowSpan,
    verticalAlign: VerticalAlign.CENTER,
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text: line, bold: opts.bold, size: 21, font: '仿宋_GB2312' })],
        }),
    ),
  });

/** The same table as .docx (landscape A4), titled with the list and the period. */
export async function periodTableDocx(t: PeriodTable): Promise<Buffer> {
  const spans = new Map(groups(t).map(([start, n]) => [start, n]));
  const rows = [
    new TableRow({ tableHeader: true, children: headers(t).map((h) => cell(h, { bold: true, center: true })) }),
    ...t.rows.map(
      (r, i) =>
        new TableRow({
          children: [
            ...(r.firstOfGroup ? [cell(r.leaderName, { rowSpan: spans.get(i), center: true })] : []),
            cell(String(r.seq), { center: true }),
            cell(r.text),
            cell(r.progress),
            cell(r.units),
          ],
        }),
    ),
  ];
  const doc = new Document({
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: `${t.title}${t.period.label}完成情况`, bold: true, size: 32 })],
          }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, columnWidths: [1100, 600, 4200, 6000, 2400], rows }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
