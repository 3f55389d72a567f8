// The province's key work tasks for the scale benchmark (issue 13: "key-task list, 320 tasks"):
// one list of the current year for 浙江省 with 8 leaders × 40 tasks, 1–3 responsible units each
// (the first leads), one target each, four quarterly periods (三个已公开, 四季度 open) and the lead
// units' reports. Plain SQL over generate_series, so that it runs on PostgreSQL and PGlite alike and
// can be added to a database generated before it existed (`ensureKeyTasks` is a no-op when the list
// is there).

/** Runs SQL on whichever database is open, returning rows. */
export type Run = (q: string) => Promise<Record<string, unknown>[]>;

const LEADERS = ['王浩然', '刘静怡', '陈志锋', '张敏华', '李建伟', '赵国强', '孙丽萍', '周文涛'];
const PER_LEADER = 40;
const WORK = [
  ['推进', '重大产业项目建设', '完成投资', '亿元'],
  ['实施', '老旧小区改造', '改造小区', '个'],
  ['新建', '城乡养老服务设施', '新增床位', '张'],
  ['加快', '高标准农田建设', '建成农田', '万亩'],
  ['推动', '数字经济核心产业发展', '实现增加值', '亿元'],
  ['完善', '城市公共停车设施', '新增泊位', '个'],
  ['开展', '重点流域水环境治理', '治理河道', '公里'],
  ['扩大', '城镇新增就业', '新增就业', '人'],
] as const;

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function ensureKeyTasks(run: Run, year: number, tenantCode = '330000'): Promise<{ listId: number; tasks: number; created: boolean }> {
  const [tenant] = (await run(`select id from tenants where code = ${q(tenantCode)}`)) as { id: number }[];
  if (!tenant) throw new Error(`没有代码为 ${tenantCode} 的租户`);
  const t = Number(tenant.id);
  const title = `${year}年政府工作报告重点工作任务`;
  const [existing] = (await run(`select id, (select count(*)::int from tasks where list_id = l.id) n from task_lists l where tenant_id = ${t} and title = ${q(title)}`)) as { id: number; n: number }[];
  if (existing) return { listId: Number(existing.id), tasks: Number(existing.n), created: false };

  const [list] = (await run(`insert into task_lists (tenant_id, title, year) values (${t}, ${q(title)}, ${year}) returning id`)) as { id: number }[];
  const l = Number(list!.id);
  const leaders = `array[${LEADERS.map(q).join(',')}]`;
  const verbs = `array[${WORK.map((w) => q(w[0])).join(',')}]`;
  const objects = `array[${WORK.map((w) => q(w[1])).join(',')}]`;
  const labels = `array[${WORK.map((w) => q(w[2])).join(',')}]`;
  const units = `array[${WORK.map((w) => q(w[3])).join(',')}]`;
  const n = LEADERS.length * PER_LEADER;
  // g-th task: leader (g-1)/40, work item by g, a target value that differs from task to task.
  await run(`
    insert into tasks (tenant_id, list_id, leader_name, group_order, seq, text, content_key, due_date)
    select ${t}, ${l}, (${leaders})[(g - 1) / ${PER_LEADER} + 1], (g - 1) / ${PER_LEADER} + 1, (g - 1) % ${PER_LEADER} + 1,
           (${verbs})[(g - 1) % 8 + 1] || '第' || g || '批' || (${objects})[(g - 1) % 8 + 1] || '，全年' || (${labels})[(g - 1) % 8 + 1] || (10 + g * 7 % 90) || (${units})[(g - 1) % 8 + 1],
           md5('${year}|' || g), case when g % 5 = 0 then date '${year}-06-30' else date '${year}-12-31' end
    from generate_series(1, ${n}) g`);
  await run(`
    insert into task_targets (tenant_id, task_id, position, label, target_value, unit)
    select ${t}, id, 0, (${labels})[(seq - 1) % 8 + 1], 10 + ((group_order - 1) * ${PER_LEADER} + seq) * 7 % 90, (${units})[(seq - 1) % 8 + 1]
    from tasks where list_id = ${l}`);
  // 1–3 departments per task, in a stable pseudo-random order; the first leads.
  await run(`
    insert into task_units (tenant_id, task_id, unit_id, is_lead, position)
    select ${t}, x.task_id, x.unit_id, x.r = 1, x.r - 1
    from (
      select tk.id task_id, u.id unit_id, row_number() over (partition by tk.id order by md5(tk.id::text || ':' || u.id::text)) r, 1 + tk.id % 3 k
      from tasks tk cross join units u
      where tk.list_id = ${l} and u.tenant_id = ${t} and u.kind = 'department'
    ) x where x.r <= x.k`);
  const quarters = ['一季度', '二季度', '三季度', '四季度'];
  const values = quarters.map((label, i) => {
    const start = `${year}-${String(i * 3 + 1).padStart(2, '0')}-01`;
    const end = `(date '${start}' + interval '3 months' - interval '1 day')::date`;
    const published = i < 3;
    return `(${t}, ${l}, ${q(label)}, 'quarter', date '${start}', ${end}, (${end} + 10), ${q(published ? 'published' : 'open')}, ${published ? `(${end} + 20)::timestamptz` : 'null'})`;
  });
  await run(`insert into task_periods (tenant_id, list_id, label, kind, start_date, end_date, due_date, status, published_at) values ${values.join(',')}`);
  // The lead units' reports: every published period accepted, the open one 60 % submitted.
  await run(`
    insert into task_reports (tenant_id, task_id, period_id, unit_id, is_lead, progress, status, figures, state, submitted_at, reviewed_at)
    select ${t}, tu.task_id, p.id, tu.unit_id, true,
           '已按计划推进，' || p.label || '完成阶段目标。',
           (array['done','on_track','on_track','on_track','on_track','behind','on_track','not_started'])[1 + abs(hashtext(tu.task_id || ':' || p.id)) % 8],
           jsonb_build_array(jsonb_build_object('targetId', tt.id, 'value', round(tt.target_value * (0.2 + 0.2 * (p.start_date - date '${year}-01-01') / 91.0)))),
           case when p.status = 'published' then 'accepted' else 'submitted' end,
           p.end_date::timestamptz + interval '5 days',
           case when p.status = 'published' then p.end_date::timestamptz + interval '12 days' end
    from task_units tu
    join task_periods p on p.list_id = ${l}
    join task_targets tt on tt.task_id = tu.task_id
    where tu.is_lead and tu.tenant_id = ${t} and tu.task_id in (select id from tasks where list_id = ${l})
      and (p.status = 'published' or abs(hashtext(tu.task_id || ':open')) % 10 < 6)`);
  return { listId: l, tasks: n, created: true };
}

/**
 * More committee staff for the province (t1_staff_002 … ), copies of t1_staff: the mixed load signs
 * each client in as a person of its own, as 50 or 100 people of a committee would be (the per-user
 * limits of search then apply per person, not to one account shared by all).
 */
export async function ensureStaffAccounts(run: Run, count: number, template = 't1_staff'): Promise<string[]> {
  const cols = ((await run(
    `select column_name from information_schema.columns where table_schema = 'public' and table_name = 'users' and column_name not in ('id', 'username') order by ordinal_position`,
  )) as { column_name: string }[]).map((c) => `"${c.column_name}"`);
  await run(`
    insert into users (username, ${cols.join(', ')})
    select ${q(template)} || '_' || lpad(g::text, 3, '0'), ${cols.map((c) => `u.${c}`).join(', ')}
    from users u cross join generate_series(2, ${count}) g
    where u.username = ${q(template)}
    on conflict do nothing`);
  return [template, ...Array.from({ length: count - 1 }, (_, i) => `${template}_${String(i + 2).padStart(3, '0')}`)];
}
