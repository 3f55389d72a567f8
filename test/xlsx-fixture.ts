import ExcelJS from 'exceljs';

/** An .xlsx (Base64) with these sheets and rows of text, as an office would upload it. */
export async function xlsxBase64(sheets: { name: string; rows: (string | number | Date)[][] }[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** The sheets of an .xlsx as rows of cell text. */
export async function readXlsx(content: Buffer): Promise<{ name: string; rows: string[][] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (c) => cells.push(c.value === null || c.value === undefined ? '' : String(c.value)));
      rows.push(cells);
    });
    return { name: ws.name, rows };
  });
}
