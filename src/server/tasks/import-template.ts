import ExcelJS from 'exceljs';

// The import template (.xlsx) the wizard offers: the first sheet is what the import reads (the
// header of the printed layout, nothing else, so that an unfilled template imports nothing by
// mistake); a second sheet shows filled rows of the kind the tables carry, a third the rules.

export const TEMPLATE_HEADER = ['分管市长', '序号', '主要工作任务', '一季度重点工作完成情况', '责任单位'] as const;

const EXAMPLE: [string, number, string, string, string][] = [
  ['张斌', 1, '固定资产投资增长5%。', '1-3月，全市完成固定资产投资115.01亿元，增长11.1%。', '发改局'],
  ['', 2, '奋力夺取“大禹鼎”。', '荣获2024年度“大禹鼎”银鼎。', '★生态环境分局、生态创建办'],
  ['', 3, '新建改扩建学校6所，新增学位3000个。', '6所学校均已开工，完成投资2.1亿元。', '教育局、住房和城乡建设局'],
  ['周启程', 1, '新增光伏装机6万千瓦。', '一季度新增并网光伏1.2万千瓦。', '★发展和改革局、供电公司'],
  ['', 2, '城乡居民人均可支配收入分别增长5%和6%。', '', '★统计局、农业农村局、人力资源和社会保障局'],
];

const RULES: string[] = [
  '一、表格格式',
  '1. 只读取第一个工作表；第一行为表头：分管市长 | 序号 | 主要工作任务 | 完成情况 | 责任单位。完成情况列可以没有。',
  '2. 分管市长只写在该领导第一项任务所在行（也可合并单元格），其后各行留空；同一位分管市长的任务连续排列。',
  '3. 序号每位分管市长从1开始连续编号。',
  '4. 责任单位用顿号（、）分隔；★写在牵头单位前。没有★时，所列单位均为牵头单位。',
  '5. 完成情况列的表头写明期别，如“一季度重点工作完成情况”。导入时选择报告期，完成情况记为该期各牵头单位的已报送报告（没有★时每个单位各一份，内容相同，表中只显示一次）；不选报告期则不导入完成情况。',
  '6. 任何一行有错（缺少序号、任务或责任单位，序号不连续等），整个文件都不导入，并列出每一处错误的行号。',
  '二、责任单位名称',
  '7. 表中单位名称与单位名录比对：去掉空格、全角字母数字转半角、去掉“市”“区”“县”或本地名称前缀、“委员会/办公室/联合会”与“委/办/联”视为相同。',
  '8. 简称（发改局 → 发展和改革局、残联 → 残疾人联合会）会提示对应的已有单位；选择“新建”也不会建出重名单位，而是对应到已有单位。与多个单位相近时须选择其一。',
  '三、量化指标',
  '9. 系统从任务文字中读取量化指标：数值带计量单位（%、人、亩、亿元、万千瓦、个百分点等），如“新增城镇就业8000人以上”读作“新增城镇就业 8000人”。',
  '10. 数值后另有名称的作为指标名称的一部分（“新招引10亿元以上产业项目12个”的指标为12个）；“分别增长5%和6%”拆为两项；“培育未来工厂1家、智能工厂5家”拆为两项。',
  '11. 区间（5%—6%）、不认识的单位、一句多值无法对应名称等情况标为“待确认”，在导入预览中逐项确认、修改或舍弃；汉字数字（两个、三所）不读取。',
];

export async function importTemplateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string) => {
    const ws = wb.addWorksheet(name);
    ws.columns = [{ width: 10 }, { width: 6 }, { width: 44 }, { width: 50 }, { width: 30 }];
    const head = ws.addRow([...TEMPLATE_HEADER]);
    head.font = { bold: true };
    head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    return ws;
  };
  sheet('任务表');
  const example = sheet('填写示例');
  for (const r of EXAMPLE) example.addRow(r).alignment = { vertical: 'middle', wrapText: true };
  example.mergeCells(2, 1, 4, 1);
  example.mergeCells(5, 1, 6, 1);
  const rules = wb.addWorksheet('填写说明');
  rules.columns = [{ width: 120 }];
  for (const line of RULES) {
    const row = rules.addRow([line]);
    row.alignment = { wrapText: true, vertical: 'top' };
    if (/^[一二三]、/.test(line)) row.font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
