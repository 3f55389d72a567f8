import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { api, ApiError, type Page } from '../../../lib/api.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useI18n } from '../../../lib/i18n.js';
import { proposalNo, sessionOptionLabel } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { AssignUnitsFields, describeUnits, unitsPayload, useUnits, type AssignUnitsValues } from '../../../components/assign-units-fields.js';
import type { ProposalListItem } from '../../../../shared/schemas/proposal-reads.js';
import { CATEGORIES } from '../../../../shared/domain.js';
import '../i18n.js';
import { serverPagination } from '../../../components/server-pagination.js';
import { PageTitle } from '../../../components/page-title.js';
import { scrollRegion } from '../../../components/keyboard.js';
import { Data } from '../../../components/data-text.js';

interface SessionOption {
  id: number;
  name: string;
  kind: string;
  year: number;
}
type Picked = Pick<ProposalListItem, 'id' | 'version' | 'number' | 'title'>;

/**
 * 批量交办 (the assignment meeting): filed proposals with filters in the URL, a selection kept across
 * pages, one set of units, one confirm. The server assigns all or none and names the proposal that
 * failed; that row is marked.
 */
export function BulkAssignPage() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<AssignUnitsValues>();
  const units = useUnits();
  const showErrors = useServerErrors(form);
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20' });
  const [picked, setPicked] = useState<Map<number, Picked>>(new Map());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ id: number; text: string } | null>(null);

  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => api.get<SessionOption[]>('/sessions') });
  const query = { page: s.page, pageSize: s.pageSize, sessionId: s.sessionId, category: s.category, q: s.q, status: 'filed', sort: s.sort ?? 'number:asc' };
  const list = useQuery({
    queryKey: ['proposals', 'assign-candidates', query],
    queryFn: () => api.get<Page<ProposalListItem>>('/proposals', query),
    placeholderData: (prev) => prev,
  });

  const setSelection = (rows: Picked[], on: boolean) =>
    setPicked((prev) => {
      const next = new Map(prev);
      for (const r of rows) {
        if (on) next.set(r.id, { id: r.id, version: r.version, number: r.number, title: r.title });
        else next.delete(r.id);
      }
      return next;
    });

  const send = async (v: AssignUnitsValues, items: Picked[]) => {
    setBusy(true);
    setFailure(null);
    try {
      const res = await api.post<{ items: unknown[] }>('/proposals/assign-bulk', { ...unitsPayload(v), items: items.map((i) => ({ id: i.id, version: i.version })) });
      message.success(t('已交办 {n} 件提案', { n: res.items.length }));
      setPicked(new Map());
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['proposals'] });
      void qc.invalidateQueries({ queryKey: ['notifications'] });
    } catch (e) {
      const d = e instanceof ApiError && e.details && typeof e.details === 'object' ? (e.details as { proposalId?: number }) : null;
      const bad = d?.proposalId !== undefined ? items.find((i) => i.id === d.proposalId) : undefined;
      if (bad && e instanceof ApiError) {
        setFailure({ id: bad.id, text: `${t('{no}「{title}」交办失败', { no: proposalNo(bad.number), title: bad.title })}：${e.message.replace(/^第\d+项（提案ID \d+）交办失败：/, '')}` });
        if (e.isConflict) void list.refetch();
      } else showErrors(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = (v: AssignUnitsValues) => {
    // The version last seen on screen (a refetch after a conflict brings newer ones).
    const seen = new Map((list.data?.items ?? []).map((i) => [i.id, i.version]));
    const items = [...picked.values()].map((i) => ({ ...i, version: seen.get(i.id) ?? i.version }));
    if (!items.length) {
      message.warning(t('请选择要交办的提案'));
      return;
    }
    const d = describeUnits(v, units.data);
    modal.confirm({
      title: t('确认交办 {n} 件提案？', { n: items.length }),
      width: 560,
      content: (
        <div>
          {d.lead && (
            <div>
              {t('主办单位')}：<b>{d.lead}</b>
            </div>
          )}
          {d.others.length > 0 && (
            <div>
              {v.mode === 'separate' ? t('分办单位') : t('会办单位')}：<b>{d.others.join('、')}</b>
            </div>
          )}
          <div style={{ maxHeight: 180, overflowY: 'auto', margin: '8px 0', fontSize: 13 }} {...scrollRegion(t('批量交办'))}>
            {items.map((i) => (
              <div key={i.id}>
                {proposalNo(i.number)} {i.title}
              </div>
            ))}
          </div>
          <Typography.Text type="secondary">{t('交办后将通知承办单位签收，并开始计算办理期限。')}</Typography.Text>
        </div>
      ),
      okText: t('确定'),
      cancelText: t('取消'),
      onOk: () => send(v, items),
    });
  };

  const columns: TableProps<ProposalListItem>['columns'] = [
    { title: t('编号'), dataIndex: 'number', key: 'number', width: 90, sorter: true, sortOrder: s.sort?.startsWith('number:desc') ? 'descend' : 'ascend', render: (n: number | null) => proposalNo(n) },
    {
      title: t('案由'),
      dataIndex: 'title',
      key: 'title',
      render: (title: string, r) => (
        <Space direction="vertical" size={0}>
          <Link to={`/proposals/${r.id}`}>
            <Data>{title}</Data>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <Data>{r.leadProposerName}</Data>
            {r.proposerCount > 1 ? t(' 等{n}人', { n: r.proposerCount }) : ''} · <Data>{r.sessionName}</Data>
          </Typography.Text>
          {failure?.id === r.id && <Typography.Text type="danger">{failure.text}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('类别'), dataIndex: 'category', key: 'category', width: 100, render: (c: ProposalListItem['category']) => <Tag>{t(CATEGORIES.labels[c])}</Tag> },
  ];

  const selectedKeys = [...picked.keys()];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <PageTitle style={{ margin: 0 }}>
          {t('批量交办')}
        </PageTitle>
        <Typography.Text type="secondary">{t('交办会上一次把多件提案交给同一组承办单位；全部成功或全部不交办。')}</Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small">
            <Space wrap style={{ marginBottom: 12 }}>
              <Input.Search key={s.q ?? ''} allowClear placeholder={t('搜索案由、正文或编号')} aria-label={t('搜索案由、正文或编号')} defaultValue={s.q} onSearch={(q) => update({ q })} style={{ width: 220 }} />
              <Select
                allowClear
                placeholder={t('届次')}
                aria-label={t('届次')}
                style={{ width: 220 }}
                value={s.sessionId ? Number(s.sessionId) : undefined}
                onChange={(v) => update({ sessionId: v })}
                options={(sessions.data ?? []).map((x) => ({ value: x.id, label: sessionOptionLabel(x) }))}
              />
              <Select
                allowClear
                placeholder={t('类别')}
                aria-label={t('类别')}
                style={{ width: 140 }}
                value={s.category}
                onChange={(v) => update({ category: v })}
                options={CATEGORIES.values.map((c) => ({ value: c, label: t(CATEGORIES.labels[c]) }))}
              />
              <Button onClick={() => update({ q: undefined, sessionId: undefined, category: undefined })}>{t('重置')}</Button>
            </Space>
            <QueryState query={list}>
              {(data) => (
                <Table<ProposalListItem>
                  rowKey="id"
                  size="middle"
                  loading={list.isFetching}
                  columns={columns}
                  dataSource={data.items}
                  scroll={{ x: 600 }}
                  locale={{ emptyText: t('暂无待交办的提案') }}
                  rowSelection={{
                    selectedRowKeys: selectedKeys,
                    preserveSelectedRowKeys: true,
                    onSelect: (r, on) => setSelection([r], on),
                    onSelectAll: (on, _rows, changed) => setSelection(changed, on),
                  }}
                  pagination={serverPagination(data, t)}
                  onChange={(p, _f, so) => {
                    const one = Array.isArray(so) ? so[0] : so;
                    update({ page: p.current ?? 1, pageSize: p.pageSize ?? 20, sort: one?.order === 'descend' ? 'number:desc' : undefined }, false);
                  }}
                />
              )}
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card
            size="small"
            title={t('交办设置')}
            extra={
              <Space>
                <Tag color={picked.size ? 'blue' : 'default'}>{t('已选 {n} 件', { n: picked.size })}</Tag>
                {picked.size > 0 && (
                  <Button size="small" type="link" onClick={() => setPicked(new Map())}>
                    {t('清空选择')}
                  </Button>
                )}
              </Space>
            }
            style={{ position: 'sticky', top: 16 }}
          >
            {failure && <Alert type="error" showIcon closable onClose={() => setFailure(null)} style={{ marginBottom: 12 }} message={failure.text} description={t('本次未交办任何提案，请处理后重试。')} />}
            {picked.size === 0 ? (
              <Typography.Paragraph type="secondary">{t('请先在左侧选择要交办的提案')}</Typography.Paragraph>
            ) : (
              <div style={{ maxHeight: 160, overflowY: 'auto', marginBottom: 12 }}>
                <Space size={[4, 4]} wrap>
                  {[...picked.values()].map((i) => (
                    <Tag key={i.id} closable color={failure?.id === i.id ? 'error' : undefined} onClose={() => setSelection([i], false)} title={i.title}>
                      {proposalNo(i.number)}
                    </Tag>
                  ))}
                </Space>
              </div>
            )}
            <Form form={form} layout="vertical" onFinish={submit} initialValues={{ mode: 'single' }}>
              <AssignUnitsFields form={form} />
              <Button type="primary" htmlType="submit" loading={busy} disabled={picked.size === 0} block>
                {t('确认交办')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
