// Writes src/server/seed/fixtures/history-2025.xlsx: 平湖市政协十一届四次会议 (2025) as a county
// would bring it in, in the layout of the history import (届次 / 提案 / 答复 / 测评). The demo seed
// imports it through the same importer the office uses. Run again after changing the demo's people:
//   npx tsx scripts/history-fixture.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/server/db/client.js';
import { createOrg } from '../src/server/seed/org.js';
import { BODIES, UNITS } from '../src/server/seed/people.js';
import { Rng } from '../src/server/seed/rng.js';
import { SUBJECTS, type Subject } from '../src/server/seed/subjects.js';
import { CATEGORIES } from '../src/shared/domain.js';
import { HISTORY_LAYOUT, type ImportSheet } from '../src/shared/imports/layouts.js';
import { HISTORY_NOTES } from '../src/server/http/routes/history.js';
import { buildTemplate } from '../src/server/imports/workbook.js';
import { addMonths } from '../src/server/calendar/working-days.js';

const SESSION = '十一届四次会议';
const OUT = path.resolve(import.meta.dirname, '../src/server/seed/fixtures/history-2025.xlsx');

/** The demo's CPPCC members, as the seed creates them (same generator, same seed). */
async function demoMembers(): Promise<string[]> {
  const d = await openDatabase({ dataDir: 'memory://' });
  let names: string[] = [];
  try {
    await d.db.transaction(async (tx) => {
      const org = await createOrg(tx as never, 'x', new Rng(20260123));
      names = org.ph.members.map((m) => m.name);
      throw new Error('rollback');
    });
  } catch (e) {
    if ((e as Error).message !== 'rollback') throw e;
  }
  await d.close();
  return names;
}

const unitName = (code: string) => UNITS.find((u) => u.code === code)!.name;
const day = (d: string, n: number) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
};

const SIGNERS = ['沈卫国', '陆建平', '顾晓明', '朱振华', '徐立新', '钱国平', '姚慧敏', '冯志刚'];
const SUMMARY: Record<'A' | 'B' | 'C', (topic: string) => string> = {
  A: (t) => `经研究，所提${t}方面的建议已采纳，相关措施已于年内落实到位，并纳入常态化工作机制。`,
  B: (t) => `所提${t}方面的建议已列入明年工作计划，目前正在制定实施方案，将分步推进并及时向委员反馈进展。`,
  C: (t) => `所提${t}方面的建议涉及资金和规划调整，受当前财力和用地指标限制暂时难以实施，留作参考，待条件成熟时统筹考虑。`,
};

async function main() {
  const rng = new Rng(2025);
  const members = await demoMembers();
  const bodies = BODIES.filter((b) => b.kind !== 'committee').map((b) => b.name);
  // 44 subjects, each once, plus two pairs on the same subject (the second of each pair is merged).
  const subjects: Subject[] = rng.sample(SUBJECTS, 44);
  const merges = [subjects[3]!, subjects[11]!];
  const keyIdx = new Set(subjects.map((s, i) => (s.key ? i : -1)).filter((i) => i >= 0).slice(0, 5));
  keyIdx.add(7);

  type Row = { subject: Subject; title: string; proposers: string[]; interim: boolean; decision: string; mergeOf?: number; isKey: boolean };
  const rows: Row[] = [];
  const leadOf = (i: number) => (i < 3 ? members[0]! : i % 7 === 3 ? rng.pick(bodies) : rng.pick(members.slice(1, 60)));
  subjects.forEach((s, i) => {
    const stem = s.stems[s.stems.length - 1]!;
    const lead = leadOf(i);
    const co = rng.chance(0.3) && !bodies.includes(lead) ? rng.sample(members.slice(1, 60).filter((m) => m !== lead), rng.int(1, 3)) : [];
    rows.push({ subject: s, title: `关于${stem}的建议`, proposers: [lead, ...co], interim: rng.chance(0.2), decision: '立案', isKey: keyIdx.has(i) });
  });
  for (const s of merges) {
    const stem = s.stems[0]!;
    rows.push({ subject: s, title: `关于${stem}的建议`, proposers: [rng.pick(members.slice(1, 60))], interim: false, decision: '立案', mergeOf: subjects.indexOf(s), isKey: false });
  }
  // Not filed: handled as letters or passed on as social-conditions reports.
  const notFiled: Row[] = [
    { subject: SUBJECTS[0]!, title: '关于解决某小区地下车库渗水问题的建议', proposers: [rng.pick(members)], interim: true, decision: '作为来信处理', isKey: false },
    { subject: SUBJECTS[0]!, title: '关于调整某路口红绿灯时长的建议', proposers: [rng.pick(members)], interim: true, decision: '作为来信处理', isKey: false },
    { subject: SUBJECTS[0]!, title: '关于关注外来务工人员子女心理健康的建议', proposers: [rng.pick(members)], interim: false, decision: '转社情民意', isKey: false },
  ];

  // Numbers in filing order: plenary submissions first, then those of the year.
  const filed = [...rows.filter((r) => !r.interim), ...rows.filter((r) => r.interim)];
  const number = new Map(filed.map((r, i) => [r, i + 1]));
  const proposalRows: string[][] = [];
  const replyRows: string[][] = [];
  const evalRows: string[][] = [];
  for (const r of filed) {
    const no = number.get(r)!;
    const s = r.subject;
    if (r.mergeOf !== undefined) {
      const primary = rows[r.mergeOf]!;
      proposalRows.push([SESSION, String(no), r.title, r.proposers.join('、'), CATEGORIES.labels[s.category], '大会期间', '立案', String(number.get(primary)), '', '', '', '', '']);
      continue;
    }
    const separate = no % 17 === 5;
    const lead = separate ? [unitName(s.lead), unitName(s.co[0]!)] : [unitName(s.lead)];
    const co = separate ? [] : rng.chance(0.55) ? s.co.slice(0, rng.int(1, Math.min(3, s.co.length))).map(unitName).filter((n) => !lead.includes(n)) : [];
    const assigned = r.interim ? rng.pick(['2025-04-15', '2025-05-20', '2025-06-17', '2025-07-22']) : '2025-03-11';
    const deadline = addMonths(assigned, 3);
    proposalRows.push([
      SESSION, String(no), r.title, r.proposers.join('、'), CATEGORIES.labels[s.category], r.interim ? '平时' : '大会期间', '立案', '', r.isKey ? '是' : '',
      lead.join('、'), co.join('、'), assigned, deadline,
    ]);
    for (const unit of lead) {
      const cls = rng.weighted([['A', 58], ['B', 35], ['C', 7]] as const);
      const replied = rng.chance(0.08) ? day(deadline, rng.int(2, 12)) : day(assigned, rng.int(35, 85));
      replyRows.push([SESSION, String(no), unit, cls, replied, '', rng.pick(SIGNERS), rng.pick(['公开', '公开', '依申请公开', '不公开']), `平${unit.slice(0, 1)}复〔2025〕${rng.int(3, 60)}号`, SUMMARY[cls](s.topic)]);
      const attitude = rng.weighted([['满意', 85], ['基本满意', 13], ['不满意', 2]] as const);
      const result = cls === 'C' ? rng.weighted([['基本满意', 70], ['不满意', 30]] as const) : rng.weighted([['满意', 78], ['基本满意', 19], ['不满意', 3]] as const);
      evalRows.push([SESSION, String(no), unit, attitude, result, '', result === '不满意' ? '办理措施不够具体，希望重新办理' : '']);
      if (result === '不满意' && unit === lead[0]) {
        const again = day(replied, rng.int(15, 28));
        replyRows.push([SESSION, String(no), unit, 'B', again, '2', rng.pick(SIGNERS), '依申请公开', `平${unit.slice(0, 1)}复〔2025〕${rng.int(61, 90)}号`, `重新办理：${SUMMARY.B(s.topic)}`]);
        evalRows.push([SESSION, String(no), unit, '满意', '基本满意', '2', '']);
      }
    }
    for (const unit of co) evalRows.push([SESSION, String(no), unit, rng.weighted([['满意', 88], ['基本满意', 12]] as const), rng.weighted([['满意', 80], ['基本满意', 20]] as const), '', '']);
  }
  for (const r of notFiled) proposalRows.push([SESSION, '', r.title, r.proposers.join('、'), '社会民生', r.interim ? '平时' : '大会期间', r.decision, '', '', '', '', '', '']);

  const [sessions, proposalsSheet, repliesSheet, evalsSheet] = HISTORY_LAYOUT as [ImportSheet, ImportSheet, ImportSheet, ImportSheet];
  const sheets: ImportSheet[] = [
    { ...sessions, examples: [[SESSION, '政协提案', '11', '4', '2025', '2025-01-13', '2025-01-16']] },
    { ...proposalsSheet, examples: proposalRows },
    { ...repliesSheet, examples: replyRows },
    { ...evalsSheet, examples: evalRows },
  ];
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, await buildTemplate(sheets, HISTORY_NOTES));
  console.log(`${OUT}: ${proposalRows.length} proposals, ${replyRows.length} replies, ${evalRows.length} evaluations`);
}

await main();
