import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { AutoComplete, Button, Card, DatePicker, Descriptions, Input, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import { api, type Page } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { formatTime } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import type { auditEntryOut } from '../../../../shared/schemas/admin.js';
import { AUDIT_ACTION_LABELS, AUDIT_ACTION_PREFIXES, AUDIT_ENTITY_LABELS, auditFieldLabel } from '../../../../shared/audit-labels.js';
import { DownloadButton } from '../../../components/download-button.js';
import { VerifyChain } from './verify-chain.js';
import '../i18n.js';
import { serverPagination } from '../../../components/server-pagination.js';
import { Data } from '../../../components/data-text.js';
import { PageTitle } from '../../../components/page-title.js';

type AuditEntry = z.infer<typeof auditEntryOut>;

const ENTITY_LABELS = AUDIT_ENTITY_LABELS;
const ACTION_NAMES = AUDIT_ACTION_LABELS;
const PREFIXES = AUDIT_ACTION_PREFIXES;

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
            {r.actorName ? <Data>{r.actorName}</Data> : `#${r.actorId}`}
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
          {r.entityLabel && r.entityType !== 'proposal' && <Data>{r.entityLabel}</Data>}
        </Space>
      ),
    },
    {
      title: t('提案'),
      key: 'proposal',
      width: 170,
      render: (_: unknown, r) => {
        const pid = r.proposalId ?? (r.entityType === 'proposal' ? r.entityId : null);
        if (!pid) return '—';
        const label = r.entityType === 'proposal' ? r.entityLabel : r.proposalNumber != null ? t('第{n}号', { n: r.proposalNumber }) : null;
        return (
          <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} title={t('只看此提案的记录')} onClick={() => update({ proposalId: pid })}>
            {label ? <Data>{label}</Data> : t('未编号提案')}
          </Button>
        );
      },
    },
    {
      title: t('变更字段'),
      dataIndex: 'changedFields',
      key: 'changedFields',
      width: 240,
      render: (f: string[]) => (f.length ? <Typography.Text style={{ fontSize: 12 }}>{f.slice(0, 4).map((x) => t(auditFieldLabel(x))).join(t('、')) + (f.length > 4 ? ` ${t('等{n}项', { n: f.length })}` : '')}</Typography.Text> : '—'),
    },
    { title: t('来源地址'), dataIndex: 'address', key: 'address', width: 160, render: (v: string, r) => <span title={r.ip ?? undefined}>{v.replace('（本机）', t('（本机）'))}</span> },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <PageTitle style={{ margin: 0 }}>
          {t('审计日志')}
        </PageTitle>
        <VerifyChain />
      </Space>
      <Card size="small">
        <Space wrap>
          <Input.Search
            key={`actor-${s.actorName ?? ''}`}
            allowClear
            placeholder={t('操作人姓名或用户名')}
            aria-label={t('操作人')}
            style={{ width: 200 }}
            defaultValue={s.actorName}
            onSearch={(v) => update({ actorName: v.trim() || undefined, actorId: undefined })}
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
          <DatePicker.RangePicker
            aria-label={t('日期范围')}
            allowEmpty={[true, true]}
            value={[s.from ? dayjs(s.from) : null, s.to ? dayjs(s.to) : null]}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
          <Button onClick={() => update({ actorId: undefined, actorName: undefined, action: undefined, entityType: undefined, proposalId: undefined, from: undefined, to: undefined })}>{t('重置')}</Button>
          <DownloadButton
            icon={<DownloadOutlined />}
            path="/audit/export.xlsx"
            query={{ actorId: s.actorId, actorName: s.actorName, action: s.action, entityType: s.entityType, proposalId: s.proposalId, from: s.from, to: s.to }}
            fallbackName="审计日志.xlsx"
          >
            {t('导出表格')}
          </DownloadButton>
        </Space>
        {(s.actorId || s.proposalId) && (
          <div style={{ marginTop: 8 }}>
            {s.actorId && (
              <Tag closable onClose={() => update({ actorId: undefined })}>
                {t('操作人')}：{actorNames.get(s.actorId) ?? t('所选人员')}
              </Tag>
            )}
            {s.proposalId && (
              <Tag closable onClose={() => update({ proposalId: undefined })}>
                {t('只看所选提案的记录')}
              </Tag>
            )}
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
        <Descriptions.Item label={t('链中序号')}>{entry.chain === 0 ? t('平台链') : t('本单位链')} · {entry.seq}</Descriptions.Item>
        <Descriptions.Item label={t('操作人')}>{entry.actorName ?? t('系统')}</Descriptions.Item>
        <Descriptions.Item label={t('来源地址')}>{entry.address}</Descriptions.Item>
      </Descriptions>
      {withheld && (
        <Typography.Text type="secondary">
          {t('涉及提案内容的记录只显示变更的字段名，不显示内容。')}
          {fields.length ? ` ${t('变更字段')}：${fields.map((f) => t(auditFieldLabel(f))).join(t('、'))}` : ''}
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
            { title: t('字段'), dataIndex: 'field', width: 200, render: (v: string) => <span title={v}>{t(auditFieldLabel(v))}</span> },
            { title: t('修改前'), dataIndex: 'before', render: (v: string) => <span style={{ wordBreak: 'break-all' }}>{v}</span> },
            { title: t('修改后'), dataIndex: 'after', render: (v: string) => <span style={{ wordBreak: 'break-all' }}>{v}</span> },
          ]}
        />
      )}
    </Space>
  );
}
