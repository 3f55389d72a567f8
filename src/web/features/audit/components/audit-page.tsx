import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { AutoComplete, Button, Card, DatePicker, Descriptions, InputNumber, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import type { z } from 'zod';
import { api, type Page } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { formatTime } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import type { auditEntryOut } from '../../../../shared/schemas/admin.js';
import { ACTIONS, ACTION_LABELS } from '../../../../shared/lifecycle.js';
import '../i18n.js';
import { serverPagination } from '../../../components/server-pagination.js';

type AuditEntry = z.infer<typeof auditEntryOut>;

const ENTITY_LABELS: Record<string, string> = {
  proposal: '提案',
  proposer: '提案人',
  assignment: '交办',
  reply: '答复',
  contact: '沟通',
  co_opinion: '会办意见',
  follow_up: '落实情况',
  supervision_activity: '督办活动',
  attachment: '附件',
  notification: '消息',
  user: '用户',
  unit: '承办单位',
  body: '党派团体',
  member: '委员代表',
  leader: '督办领导',
  session: '届次会议',
  calendar: '工作日历',
  admin_request: '双人审批申请',
  security_alert: '安全告警',
  security_settings: '安全设置',
};

const OTHER_ACTIONS: Record<string, string> = {
  'proposal.create': '新建提案',
  'proposal.deadline_scan': '期限扫描',
  'proposal.unkey': '取消重点提案',
  'proposal.extend_deadline': '延期',
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.login_failed': '登录失败',
  'auth.password_changed': '修改密码',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.reset_password': '重置密码',
  'user.unlock': '解除锁定',
  'user.reset_second_factor': '重置双重验证',
  'auth.failed': '密码错误',
  'account.locked': '账户锁定',
  'auth.password_verified': '密码正确，待二次验证',
  'auth.second_factor_failed': '二次验证失败',
  'auth.second_factor_enrolment_started': '开始启用双重验证',
  'auth.second_factor_enabled': '启用双重验证',
  'auth.recovery_codes_renewed': '重新生成恢复码',
  'auth.session_ended': '结束会话',
  'approval.requested': '提出审批申请',
  'approval.rejected': '驳回审批申请',
  'security.settings': '修改安全设置',
  'alert.read': '阅读安全告警',
  'user.locale': '切换语言',
  'unit.create': '新增承办单位',
  'unit.update': '修改承办单位',
  'body.create': '新增团体',
  'body.update': '修改团体',
  'member.create': '新增委员/代表',
  'member.update': '修改委员/代表',
  'leader.create': '新增督办领导',
  'leader.update': '修改督办领导',
  'session.create': '新增届次会议',
  'session.update': '修改届次会议',
  'calendar.replace_year': '修改工作日历',
  'assignment.sign': '签收',
  'assignment.object': '申请调整',
  'assignment.decide_objection': '审定调整申请',
  'attachment.add': '上传附件',
  'attachment.delete': '删除附件',
  'supervision.add': '登记督办活动',
  'notification.read': '阅读消息',
  'notification.read_all': '全部已读',
  'proposal.enter_paper': '代录纸质提案',
  'proposal.export_overdue': '导出逾期清单',
  'proposal.import_history': '往届数据导入（提案）',
  'session.import_history': '往届数据导入',
  'member.import': '导入委员/代表名册',
  'unit.import': '导入承办单位名册',
  'user.import': '导入账户名册',
};

const ACTION_NAMES: Record<string, string> = {
  ...Object.fromEntries(ACTIONS.map((a) => [`proposal.${a}`, ACTION_LABELS[a]])),
  ...OTHER_ACTIONS,
};

const PREFIXES: [string, string][] = [
  ['proposal.', '提案操作'],
  ['assignment.', '交办'],
  ['auth.', '登录与密码'],
  ['user.', '用户管理'],
  ['session.', '届次会议'],
  ['calendar.', '工作日历'],
  ['unit.', '承办单位'],
  ['body.', '党派团体'],
  ['member.', '委员代表'],
  ['leader.', '督办领导'],
  ['attachment.', '附件'],
  ['notification.', '消息'],
];

/** The 审计管理员's view of the audit log: newest first, filters in the URL, server paging. */
export function AuditPage() {
  const { t, locale } = useI18n();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20' });
  const list = useQuery({
    queryKey: ['audit', s],
    queryFn: () => api.get<Page<AuditEntry>>('/audit', s),
    placeholderData: (prev) => prev,
  });
  const actionName = (a: string) => (ACTION_NAMES[a] ? t(ACTION_NAMES[a]) : a);
  const actorNames = new Map((list.data?.items ?? []).filter((i) => i.actorId).map((i) => [String(i.actorId), i.actorName]));

  const columns: TableProps<AuditEntry>['columns'] = [
    { title: t('时间'), dataIndex: 'at', key: 'at', width: 180, render: (v: string) => formatTime(v, locale) },
    {
      title: t('操作人'),
      key: 'actor',
      width: 180,
      render: (_: unknown, r) =>
        r.actorId ? (
          <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} title={t('只看此人的操作')} onClick={() => update({ actorId: r.actorId })}>
            {r.actorName ?? `#${r.actorId}`}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('系统')}</Typography.Text>
        ),
    },
    {
      title: t('操作'),
      dataIndex: 'action',
      key: 'action',
      width: 210,
      render: (a: string) => (
        <Space direction="vertical" size={0}>
          <span>{actionName(a)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} code>
            {a}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('对象'),
      key: 'entity',
      width: 170,
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          <Tag>{ENTITY_LABELS[r.entityType] ? t(ENTITY_LABELS[r.entityType]!) : r.entityType}</Tag>
          {r.entityId != null && <span>#{r.entityId}</span>}
        </Space>
      ),
    },
    {
      title: t('提案编号'),
      dataIndex: 'proposalId',
      key: 'proposalId',
      width: 90,
      render: (v: number | null) =>
        v ? (
          <Button type="link" size="small" style={{ padding: 0 }} title={t('只看此提案的记录')} onClick={() => update({ proposalId: v })}>
            #{v}
          </Button>
        ) : (
          '—'
        ),
    },
    {
      title: t('变更字段'),
      dataIndex: 'changedFields',
      key: 'changedFields',
      width: 240,
      render: (f: string[]) => (f.length ? <Typography.Text style={{ fontSize: 12 }}>{f.slice(0, 4).join('、') + (f.length > 4 ? ` ${t('等{n}项', { n: f.length })}` : '')}</Typography.Text> : '—'),
    },
    { title: 'IP', dataIndex: 'ip', key: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('审计日志')}
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <InputNumber
            key={`actor-${s.actorId ?? ''}`}
            placeholder={t('操作人编号')}
            aria-label={t('操作人编号')}
            min={1}
            precision={0}
            style={{ width: 130 }}
            defaultValue={s.actorId ? Number(s.actorId) : undefined}
            onBlur={(e) => update({ actorId: e.target.value || undefined })}
            onPressEnter={(e) => update({ actorId: (e.target as HTMLInputElement).value || undefined })}
          />
          <AutoComplete
            key={`action-${s.action ?? ''}`}
            allowClear
            placeholder={t('操作类型（前缀）')}
            aria-label={t('操作类型')}
            style={{ width: 200 }}
            defaultValue={s.action}
            options={[
              ...PREFIXES.map(([p, l]) => ({ value: p, label: `${p}  ${t(l)}` })),
              ...Object.entries(ACTION_NAMES).map(([a, l]) => ({ value: a, label: `${a}  ${t(l)}` })),
            ]}
            filterOption={(input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase())}
            onSelect={(v?: string) => update({ action: v })}
            onChange={(v: string | undefined) => {
              if (!v) update({ action: undefined });
            }}
            onBlur={(e) => update({ action: (e.target as HTMLInputElement).value.trim() || undefined })}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('对象类型')}
            aria-label={t('对象类型')}
            style={{ width: 150 }}
            value={s.entityType}
            onChange={(v) => update({ entityType: v })}
            options={Object.entries(ENTITY_LABELS).map(([k, l]) => ({ value: k, label: t(l) }))}
          />
          <InputNumber
            key={`proposal-${s.proposalId ?? ''}`}
            placeholder={t('提案编号')}
            aria-label={t('提案编号')}
            min={1}
            precision={0}
            style={{ width: 120 }}
            defaultValue={s.proposalId ? Number(s.proposalId) : undefined}
            onBlur={(e) => update({ proposalId: e.target.value || undefined })}
            onPressEnter={(e) => update({ proposalId: (e.target as HTMLInputElement).value || undefined })}
          />
          <DatePicker.RangePicker
            aria-label={t('日期范围')}
            allowEmpty={[true, true]}
            value={[s.from ? dayjs(s.from) : null, s.to ? dayjs(s.to) : null]}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
          <Button onClick={() => update({ actorId: undefined, action: undefined, entityType: undefined, proposalId: undefined, from: undefined, to: undefined })}>{t('重置')}</Button>
        </Space>
        {s.actorId && (
          <div style={{ marginTop: 8 }}>
            <Tag closable onClose={() => update({ actorId: undefined })}>
              {t('操作人')}：{actorNames.get(s.actorId) ?? `#${s.actorId}`}
            </Tag>
          </div>
        )}
      </Card>
      <Card size="small">
        <QueryState query={list}>
          {(data) => (
            <Table<AuditEntry>
              rowKey="id"
              size="middle"
              loading={list.isFetching}
              columns={columns}
              dataSource={data.items}
              scroll={{ x: 1200 }}
              locale={{ emptyText: t('没有符合条件的记录') }}
              expandable={{ expandedRowRender: (r) => <AuditDetail entry={r} /> }}
              pagination={serverPagination(data, t)}
              onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 }, false)}
            />
          )}
        </QueryState>
      </Card>
    </Space>
  );
}

const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** One row opened: the changed fields with their values before and after (values withheld for proposals). */
function AuditDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const before = obj(entry.before);
  const after = obj(entry.after);
  const withheld = entry.proposalId != null;
  const fields = entry.changedFields.length ? entry.changedFields : [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('记录编号')}>{entry.id}</Descriptions.Item>
        <Descriptions.Item label={t('操作人编号')}>{entry.actorId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="IP">{entry.ip ?? '—'}</Descriptions.Item>
      </Descriptions>
      {withheld && (
        <Typography.Text type="secondary">
          {t('涉及提案内容的记录只显示变更的字段名，不显示内容。')}
          {fields.length ? ` ${t('变更字段')}：${fields.join('、')}` : ''}
        </Typography.Text>
      )}
      {!withheld && fields.length === 0 && <Typography.Text type="secondary">{t('无字段变更')}</Typography.Text>}
      {!withheld && fields.length > 0 && (
        <Table
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={fields.map((f) => ({ field: f, before: before ? show(before[f]) : '—', after: after ? show(after[f]) : '—' }))}
          columns={[
            { title: t('字段'), dataIndex: 'field', width: 200, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('修改前'), dataIndex: 'before', render: (v: string) => <span style={{ wordBreak: 'break-all' }}>{v}</span> },
            { title: t('修改后'), dataIndex: 'after', render: (v: string) => <span style={{ wordBreak: 'break-all' }}>{v}</span> },
          ]}
        />
      )}
    </Space>
  );
}
