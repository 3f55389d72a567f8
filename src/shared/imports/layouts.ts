// The column layouts of the Excel files the office imports: three rosters (委员/代表, 承办单位,
// 账户) and the history of past sessions. One description serves the server (header matching,
// the downloadable template, the row checks) and the web app (the layout shown beside the upload).

export interface ImportColumn {
  /** Key the parser gives the value under. */
  key: string;
  /** The header in the template; a file may also use one of the aliases. */
  header: string;
  aliases?: string[];
  required?: boolean;
  width: number;
  /** What goes in it, shown in the template's 说明 sheet and on screen. */
  note: string;
}

export interface ImportSheet {
  name: string;
  /** Other names a sheet may carry in a county's own file. */
  aliases?: string[];
  columns: ImportColumn[];
  /** Rows of the template, in column order. */
  examples: string[][];
}

export const ROSTER_KINDS = ['members', 'units', 'accounts'] as const;
export type RosterKind = (typeof ROSTER_KINDS)[number];

export const ROSTER_TITLES: Record<RosterKind, string> = { members: '委员/代表名册', units: '承办单位名册', accounts: '账户名册' };

export const ROSTER_LAYOUTS: Record<RosterKind, ImportSheet> = {
  members: {
    name: '名册',
    columns: [
      { key: 'name', header: '姓名', required: true, width: 12, note: '委员或代表的姓名' },
      { key: 'sector', header: '界别/代表团', aliases: ['界别', '代表团', '所属界别', '所属代表团'], required: true, width: 16, note: '政协委员填界别，人大代表填代表团' },
      { key: 'party', header: '党派', aliases: ['政治面貌'], width: 12, note: '中共、民盟、无党派人士等，可空' },
      { key: 'workplace', header: '工作单位', aliases: ['工作单位及职务', '单位及职务'], width: 32, note: '工作单位及职务，可空' },
      { key: 'phone', header: '手机', aliases: ['手机号码', '联系电话', '电话'], width: 15, note: '11位手机号或带区号的固定电话，可空；仅提案委和系统管理员可见' },
      { key: 'username', header: '登录账号', aliases: ['账号', '用户名'], width: 14, note: '已有的委员/代表登录账号，导入后与该委员关联；可空（账号由安全管理员另行开设）' },
    ],
    examples: [
      ['张伟明', '经济界', '民建', '平湖市某某实业有限公司董事长', '13805730001', ''],
      ['李秀兰', '教育界', '民进', '平湖市当湖高级中学副校长', '', ''],
    ],
  },
  units: {
    name: '名册',
    columns: [
      { key: 'name', header: '单位名称', aliases: ['单位', '承办单位'], required: true, width: 24, note: '承办单位全称，如“发展和改革局”' },
      { key: 'kind', header: '类型', aliases: ['单位类型'], width: 10, note: '部门、镇街、企业或其他，空为部门' },
      { key: 'contactName', header: '联系人', width: 12, note: '办理工作联系人，可空' },
      { key: 'contactPhone', header: '联系电话', aliases: ['电话', '手机'], width: 16, note: '联系人电话，可空' },
    ],
    examples: [
      ['发展和改革局', '部门', '王立新', '0573-85011234'],
      ['新仓镇', '镇街', '陈海燕', '13905731234'],
    ],
  },
  accounts: {
    name: '名册',
    columns: [
      { key: 'username', header: '用户名', aliases: ['登录账号', '账号'], required: true, width: 14, note: '3至32位字母、数字、下划线、点或连字符，全系统唯一' },
      { key: 'displayName', header: '姓名', aliases: ['显示名称'], required: true, width: 14, note: '显示的姓名' },
      { key: 'roles', header: '角色', required: true, width: 18, note: '委员/代表、党派团体、提案委、政府办/督查室、承办单位、督办领导等，多个用顿号分隔' },
      { key: 'unit', header: '所属单位', aliases: ['承办单位'], width: 20, note: '承办单位角色必填，须与单位名录一致' },
      { key: 'body', header: '所属团体', aliases: ['团体'], width: 22, note: '党派团体角色必填，须与党派团体名录一致' },
      { key: 'organ', header: '所属机关', aliases: ['机关'], width: 10, note: '提案委角色填政协或人大，可空' },
      { key: 'phone', header: '手机', aliases: ['手机号码', '联系电话'], width: 15, note: '可空' },
    ],
    examples: [
      ['fagai2', '周建华（发展和改革局）', '承办单位', '发展和改革局', '', '', '13905730002'],
      ['wy_zhangwm', '张伟明', '委员/代表', '', '', '', ''],
    ],
  },
};

// ——— 历史届次 (past sessions) ———

export const HISTORY_LAYOUT: ImportSheet[] = [
  {
    name: '届次',
    columns: [
      { key: 'name', header: '届次名称', required: true, width: 16, note: '如“十一届四次会议”，与其他工作表的“届次名称”一致' },
      { key: 'kind', header: '类型', required: true, width: 14, note: '政协提案或人大代表建议' },
      { key: 'term', header: '届', required: true, width: 6, note: '第几届，数字' },
      { key: 'meeting', header: '次', required: true, width: 6, note: '第几次会议，数字' },
      { key: 'year', header: '年度', required: true, width: 8, note: '会议年度，如2025' },
      { key: 'plenaryStart', header: '大会开始', width: 12, note: '大会开幕日期，可空' },
      { key: 'plenaryEnd', header: '大会结束', width: 12, note: '大会闭幕日期，可空' },
    ],
    examples: [['十一届三次会议', '政协提案', '11', '3', '2024', '2024-01-15', '2024-01-18']],
  },
  {
    name: '提案',
    aliases: ['提案建议', '建议'],
    columns: [
      { key: 'session', header: '届次名称', required: true, width: 16, note: '“届次”表中的届次名称' },
      { key: 'number', header: '编号', width: 7, note: '立案编号（印发的编号），立案的提案必填，每届从1起连续' },
      { key: 'title', header: '案由', aliases: ['标题', '案由/标题'], required: true, width: 40, note: '提案案由或建议标题' },
      { key: 'proposers', header: '提案人', aliases: ['提案者', '领衔人'], required: true, width: 20, note: '第一提案人在前，多人用顿号分隔；党派团体写团体全称' },
      { key: 'category', header: '类别', width: 10, note: '经济建设、农业农村、城乡建设、生态环境、教育科技、医疗卫生、文化旅游、社会民生、法治政务或其他，空为其他' },
      { key: 'submittedDuring', header: '提出时间', width: 10, note: '大会期间或平时，空为大会期间' },
      { key: 'decision', header: '审查结果', width: 12, note: '立案、作为来信处理或转社情民意，空为立案' },
      { key: 'mergedInto', header: '并入编号', width: 9, note: '并案的，填主提案的编号' },
      { key: 'isKey', header: '重点提案', width: 9, note: '是或空' },
      { key: 'leadUnits', header: '主办单位', width: 18, note: '一个主办单位；分办的写多个单位，用顿号分隔' },
      { key: 'coUnits', header: '会办单位', width: 24, note: '多个用顿号分隔，可空' },
      { key: 'assignedAt', header: '交办日期', width: 12, note: '交办的日期，有承办单位时必填' },
      { key: 'deadline', header: '办理期限', width: 12, note: '答复期限，空为交办日期后3个月' },
    ],
    examples: [
      ['十一届三次会议', '1', '关于加快推进农村生活污水治理设施提标改造的建议', '张伟明、李秀兰', '生态环境', '大会期间', '立案', '', '是', '住房和城乡建设局', '生态环境分局、农业农村局', '2024-03-11', '2024-06-11'],
      ['十一届三次会议', '2', '关于完善农村污水设施长效运维机制的建议', '民盟平湖市基层委员会', '生态环境', '大会期间', '立案', '1', '', '', '', '', ''],
      ['十一届三次会议', '', '关于解决某小区停车位纠纷的建议', '王国庆', '社会民生', '平时', '作为来信处理', '', '', '', '', '', ''],
    ],
  },
  {
    name: '答复',
    columns: [
      { key: 'session', header: '届次名称', required: true, width: 16, note: '届次名称' },
      { key: 'number', header: '编号', required: true, width: 7, note: '提案编号' },
      { key: 'unit', header: '答复单位', aliases: ['承办单位'], required: true, width: 18, note: '主办单位或分办单位（会办单位不单独答复）' },
      { key: 'resultClass', header: '答复类别', aliases: ['办理结果', '类别'], required: true, width: 9, note: 'A、B或C' },
      { key: 'replyDate', header: '答复日期', required: true, width: 12, note: '答复函日期' },
      { key: 'round', header: '轮次', width: 6, note: '空或1为首次答复，2为重新办理后的答复' },
      { key: 'signer', header: '签发人', width: 10, note: '可空' },
      { key: 'disclosure', header: '公开属性', width: 10, note: '公开、不公开或依申请公开，空为依申请公开' },
      { key: 'documentNo', header: '文号', width: 16, note: '答复函文号，可空' },
      { key: 'summary', header: '答复摘要', aliases: ['答复内容'], width: 40, note: '答复要点或全文，可空' },
    ],
    examples: [['十一届三次会议', '1', '住房和城乡建设局', 'A', '2024-05-28', '', '沈建国', '公开', '平建复〔2024〕12号', '已完成12座终端提标改造，其余列入2025年计划。']],
  },
  {
    name: '测评',
    columns: [
      { key: 'session', header: '届次名称', required: true, width: 16, note: '届次名称' },
      { key: 'number', header: '编号', required: true, width: 7, note: '提案编号' },
      { key: 'unit', header: '测评单位', aliases: ['承办单位'], required: true, width: 18, note: '被测评的承办单位（主办、会办或分办单位，各一行）' },
      { key: 'attitude', header: '办理态度', required: true, width: 10, note: '满意、基本满意或不满意' },
      { key: 'result', header: '办理结果', required: true, width: 10, note: '满意、基本满意或不满意' },
      { key: 'round', header: '轮次', width: 6, note: '空或1为首次答复的测评，2为重新办理后的测评' },
      { key: 'comment', header: '意见', width: 30, note: '可空' },
    ],
    examples: [
      ['十一届三次会议', '1', '住房和城乡建设局', '满意', '满意', '', ''],
      ['十一届三次会议', '1', '生态环境分局', '满意', '基本满意', '', ''],
    ],
  },
];

/** Files up to 10 MB, sent as Base64 JSON like the task import. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** Splits a cell holding several names: 、，,；; and line breaks. */
export const splitNames = (s: string) =>
  s
    .split(/[、，,；;\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);
