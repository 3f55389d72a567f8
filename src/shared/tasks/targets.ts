// Measurable targets read from a task's text: 新增城镇就业8000人以上, 完成绿化提升1000亩,
// 一般公共预算收入增长2.5%. Only the obvious cases; office staff edit the rest.

export interface TargetGuess {
  label: string;
  targetValue: number;
  unit: string;
}

const UNITS = [
  '亿元', '万元', '元', '万人次', '人次', '万人', '人', '万亩', '亩', '%', '个百分点', '公里', '千米', '万平方米', '平方米',
  '万吨', '吨', '家', '户', '个', '项', '所', '座', '套', '辆', '张', '条', '处', '场', '千瓦', '兆瓦', '间', '台', '份', '批',
];
const UNIT_RE = UNITS.map((u) => u.replace('%', '%')).join('|');
// A clause's last words before a number, then the number, then a unit.
const PATTERN = new RegExp(`([\\u4e00-\\u9fa5“”"]{2,24}?)(\\d+(?:\\.\\d+)?)\\s*(${UNIT_RE})`, 'g');
const LEADING_VERBS = /^(力争|确保|全年|年内|全市|完成|实现|达到|累计)+/;

export function guessTargets(text: string): TargetGuess[] {
  const out: TargetGuess[] = [];
  for (const clause of text.split(/[，,。；;：:、（）()]/)) {
    PATTERN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PATTERN.exec(clause))) {
      const before = clause.slice(0, m.index + m[1]!.length);
      // Years (2025年) and ordinal numbers are not targets; the unit list already excludes 年.
      let label = before.slice(-16).replace(/[“”"]/g, '');
      label = label.replace(LEADING_VERBS, '') || label;
      if (label.length < 2) continue;
      out.push({ label, targetValue: Number(m[2]), unit: m[3]! });
    }
  }
  return out.slice(0, 5);
}
