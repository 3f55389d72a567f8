import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Input, Modal, Result, Row, Select, Skeleton, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { CloseOutlined, CrownOutlined } from '@ant-design/icons';
import { api, type Page } from '../../../lib/api.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useI18n } from '../../../lib/i18n.js';
import { proposalNo, sessionOptionLabel } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import type { ProposalDetail, ProposalListItem } from '../../../../shared/schemas/proposal-reads.js';
import type { MergeCheck } from '../../../../shared/schemas/office.js';
import { CATEGORIES } from '../../../../shared/domain.js';
import '../i18n.js';
import { LinkButton } from '../../../components/link-button.js';
import { PageTitle } from '../../../components/page-title.js';

interface SessionOption {
  id: number;
  name: string;
  kind: string;
  year: number;
}

const ids = (v: string | undefined) => (v ? v.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0) : []);

/** Plain text of a body (HTML or not), cut to n characters. */
function excerpt(body: string, n = 240): string {
  const text = body.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

/**
 * 并案: pick a primary and one or more secondaries among the filed proposals of one session, read
 * them side by side, confirm, merge. The result shows the group with every number and proposer.
 */
export function MergePage() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const showErrors = useServerErrors();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '10' });
  const [mergedId, setMergedId] = useState<number | null>(null);
  const [lowOpen, setLowOpen] = useState(false);
  const [lowConfirmed, setLowConfirmed] = useState(false);
  const primaryId = s.primaryId ? Number(s.primaryId) : null;
  const secondaryIds = ids(s.secondaryIds).filter((x) => x !== primaryId);
  const chosen = primaryId ? [primaryId, ...secondaryIds] : secondaryIds;

  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => api.get<SessionOption[]>('/sessions') });
  const details = useQueries({
    queries: chosen.map((id) => ({ queryKey: ['proposal', String(id)], queryFn: () => api.get<ProposalDetail>(`/proposals/${id}`) })),
  });
  const detailOf = (id: number) => details[chosen.indexOf(id)]?.data;
  const primary = primaryId ? detailOf(primaryId) : undefined;

  // A primary given in the link (from a proposal's 并案 button) decides the session.
  useEffect(() => {
    if (primary && String(primary.session.id) !== s.sessionId) update({ sessionId: primary.session.id }, false);
  }, [primary, s.sessionId, update]);

  const query = { page: s.page, pageSize: s.pageSize, sessionId: s.sessionId, q: s.q, status: 'filed', sort: 'number:asc' };
  const list = useQuery({
    queryKey: ['proposals', 'merge-candidates', query],
    queryFn: () => api.get<Page<ProposalListItem>>('/proposals', query),
    enabled: !!s.sessionId,
    placeholderData: (prev) => prev,
  });
  const result = useQuery({
    queryKey: ['proposal', String(mergedId)],
    queryFn: () => api.get<ProposalDetail>(`/proposals/${mergedId}`),
    enabled: mergedId !== null,
  });

  const setPrimary = (id: number) => update({ primaryId: id, secondaryIds: secondaryIds.filter((x) => x !== id).join(',') || undefined }, false);
  const toggleSecondary = (id: number, on: boolean) => {
    const next = on ? [...secondaryIds.filter((x) => x !== id), id] : secondaryIds.filter((x) => x !== id);
    update({ secondaryIds: next.join(',') || undefined, ...(id === primaryId && on ? { primaryId: undefined } : {}) }, false);
  };
  const remove = (id: number) => (id === primaryId ? update({ primaryId: undefined }, false) : toggleSecondary(id, false));

  // How alike each proposal to merge is to the primary; below the threshold the merge asks twice.
  const check = useQuery({
    queryKey: ['merge-check', primaryId, secondaryIds.join(',')],
    queryFn: () => api.get<MergeCheck>('/proposals/merge-check', { primaryId: primaryId ?? undefined, secondaryIds: secondaryIds.join(',') }),
    enabled: !!primaryId && secondaryIds.length > 0,
  });
  const scoreOf = (id: number) => check.data?.items.find((x) => x.id === id);
  const low = (check.data?.items ?? []).filter((x) => x.low);
  const pct = (score: number) => `${Math.round(score * 100)}%`;

  const allLoaded = details.every((d) => d.data);
  // The similarity must be known before the merge is offered: below the threshold it asks twice.
  const canMerge = !!primaryId && secondaryIds.length > 0 && allLoaded && !!check.data && !check.isFetching;

  const doMerge = async (confirmLowSimilarity = false) => {
    const versions: Record<string, number> = {};
    for (const id of chosen) versions[String(id)] = detailOf(id)!.version;
    try {
      await api.post('/proposals/merge', { primaryId, secondaryIds, versions, ...(confirmLowSimilarity ? { confirmLowSimilarity: true } : {}) });
      message.success(t('并案成功'));
      for (const id of chosen) void qc.invalidateQueries({ queryKey: ['proposal', String(id)] });
      void qc.invalidateQueries({ queryKey: ['proposals'] });
      void qc.invalidateQueries({ queryKey: ['notifications'] });
      setMergedId(primaryId);
      update({ primaryId: undefined, secondaryIds: undefined }, false);
    } catch (e) {
      showErrors(e);
      for (const id of chosen) void qc.invalidateQueries({ queryKey: ['proposal', String(id)] });
    }
  };

  const confirm = () => {
    if (low.length) {
      setLowConfirmed(false);
      setLowOpen(true);
      return;
    }
    modal.confirm({
      title: t('确认将以下提案并入{no}？', { no: `${proposalNo(primary?.number)}「${primary?.title ?? ''}」` }),
      width: 560,
      content: (
        <div>
          <ul style={{ paddingInlineStart: 18 }}>
            {secondaryIds.map((id) => {
              const d = detailOf(id);
              return (
                <li key={id}>
                  {proposalNo(d?.number)} {d?.title}（{d?.proposers.map((x) => x.name).join('、')}）
                </li>
              );
            })}
          </ul>
          <Typography.Text type="secondary">{t('并案后被并入的提案不再单独办理，由主提案统一交办、答复，不可撤销。')}</Typography.Text>
        </div>
      ),
      okText: t('确定'),
      cancelText: t('取消'),
      onOk: () => doMerge(),
    });
  };
  const lowQuestion =
    low.length === 1 && secondaryIds.length === 1
      ? t('两件提案相似度较低（{pct}），确认并案？', { pct: pct(low[0]!.score) })
      : t('以下提案与主提案相似度较低，确认并案？');

  const columns: TableProps<ProposalListItem>['columns'] = [
    { title: t('编号'), dataIndex: 'number', key: 'number', width: 90, render: (n: number | null) => proposalNo(n) },
    {
      title: t('案由'),
      dataIndex: 'title',
      key: 'title',
      render: (title: string, r) => (
        <Space direction="vertical" size={0}>
          <Link to={`/proposals/${r.id}`} target="_blank">
            {title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.leadProposerName}
            {r.proposerCount > 1 ? ` 等${r.proposerCount}人` : ''} · {t(CATEGORIES.labels[r.category])}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('操作'),
      key: 'actions',
      width: 190,
      render: (_: unknown, r) =>
        r.id === primaryId ? (
          <Tag color="red" icon={<CrownOutlined />}>
            {t('主提案')}
          </Tag>
        ) : (
          <Space size={4}>
            <Button size="small" onClick={() => setPrimary(r.id)} aria-label={`${t('设为主提案')} ${proposalNo(r.number)}`}>
              {t('设为主提案')}
            </Button>
            <Button
              size="small"
              type={secondaryIds.includes(r.id) ? 'primary' : 'default'}
              onClick={() => toggleSecondary(r.id, !secondaryIds.includes(r.id))}
              aria-pressed={secondaryIds.includes(r.id)}
              aria-label={`${t('并入')} ${proposalNo(r.number)}`}
            >
              {secondaryIds.includes(r.id) ? t('已选并入') : t('并入')}
            </Button>
          </Space>
        ),
    },
  ];

  if (mergedId !== null) {
    return (
      <Card>
        <QueryState query={result}>
          {(p) => (
            <Result
              status="success"
              title={t('并案成功')}
              subTitle={`${proposalNo(p.number)} ${p.title}`}
              extra={[
                <LinkButton key="open" to={`/proposals/${p.id}`} type="primary">{t('查看主提案')}</LinkButton>,
                <Button key="more" onClick={() => setMergedId(null)}>
                  {t('继续并案')}
                </Button>,
              ]}
            >
              <MergedGroup p={p} />
            </Result>
          )}
        </QueryState>
      </Card>
    );
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <PageTitle style={{ margin: 0 }}>
          {t('并案')}
        </PageTitle>
        <Typography.Text type="secondary">{t('将同一届次内内容相同或相近的已立案提案并为一件办理，并案后保留每件提案的编号和提案人。')}</Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card size="small" title={t('已立案待交办的提案')}>
            <Space wrap style={{ marginBottom: 12 }}>
              <Select
                placeholder={t('届次')}
                aria-label={t('届次')}
                style={{ width: 220 }}
                value={s.sessionId ? Number(s.sessionId) : undefined}
                disabled={!!primaryId || secondaryIds.length > 0}
                onChange={(v) => update({ sessionId: v })}
                options={(sessions.data ?? []).map((x) => ({ value: x.id, label: sessionOptionLabel(x) }))}
              />
              <Input.Search key={s.q ?? ''} allowClear placeholder={t('搜索案由、正文或编号')} aria-label={t('搜索案由、正文或编号')} defaultValue={s.q} onSearch={(q) => update({ q })} style={{ width: 220 }} />
            </Space>
            {!s.sessionId ? (
              <Empty description={t('请先选择届次')} />
            ) : (
              <QueryState query={list}>
                {(data) => (
                  <Table<ProposalListItem>
                    rowKey="id"
                    size="small"
                    loading={list.isFetching}
                    columns={columns}
                    dataSource={data.items}
                    scroll={{ x: 720 }}
                    rowClassName={(r) => (r.id === primaryId || secondaryIds.includes(r.id) ? 'ant-table-row-selected' : '')}
                    pagination={{ current: data.page, pageSize: data.pageSize, total: data.total, showSizeChanger: false, showTotal: (n) => `${t('共')} ${n} ${t('条')}` }}
                    onChange={(p) => update({ page: p.current ?? 1 }, false)}
                  />
                )}
              </QueryState>
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card
            size="small"
            title={t('并案比较')}
            extra={
              chosen.length > 0 && (
                <Button size="small" type="link" onClick={() => update({ primaryId: undefined, secondaryIds: undefined }, false)}>
                  {t('清空选择')}
                </Button>
              )
            }
          >
            {chosen.length === 0 ? (
              <Empty description={t('选择一件主提案和至少一件要并入的提案')} />
            ) : (
              <div style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8 }} data-testid="merge-compare">
                {chosen.map((id, i) => {
                  const q = details[i]!;
                  const d = q.data;
                  const isPrimary = id === primaryId;
                  return (
                    <Card
                      key={id}
                      size="small"
                      style={{ flex: '1 0 280px', maxWidth: 460, borderColor: isPrimary ? '#b71c1c' : undefined }}
                      title={
                        <Space size={4} wrap>
                          {isPrimary ? <Tag color="red">{t('主提案')}</Tag> : <Tag color="blue">{t('并入')}</Tag>}
                          {d ? proposalNo(d.number) : ''}
                          {!isPrimary && scoreOf(id) && (
                            <Tag color={scoreOf(id)!.low ? 'orange' : 'green'} data-testid={`similarity-${id}`}>
                              {t('相似度{pct}', { pct: pct(scoreOf(id)!.score) })}
                            </Tag>
                          )}
                        </Space>
                      }
                      extra={<Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('移除')} onClick={() => remove(id)} />}
                    >
                      {q.isLoading ? (
                        <Skeleton active />
                      ) : q.error || !d ? (
                        <Alert type="error" showIcon message={q.error instanceof Error ? q.error.message : t('加载失败')} />
                      ) : (
                        <Space direction="vertical" size={6} style={{ width: '100%' }}>
                          <Typography.Text strong>{d.title}</Typography.Text>
                          <div>
                            <Typography.Text type="secondary">{t('提案人')}：</Typography.Text>
                            {d.proposers.map((x) => x.name).join('、')}
                          </div>
                          <div>
                            <Typography.Text type="secondary">{t('类别')}：</Typography.Text>
                            {t(CATEGORIES.labels[d.category])}
                          </div>
                          {d.status !== 'filed' && <Alert type="warning" showIcon message={d.statusLabel} />}
                          {d.mergeGroup?.role === 'primary' && <Tag>{t('已有{n}件并入', { n: d.mergeGroup.secondaries.length })}</Tag>}
                          <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: 0 }}>
                            <Typography.Text type="secondary" strong>
                              {t('正文摘要')}：
                            </Typography.Text>
                            {excerpt(d.body)}
                          </Typography.Paragraph>
                          {!isPrimary && (
                            <Button size="small" onClick={() => setPrimary(id)}>
                              {t('设为主提案')}
                            </Button>
                          )}
                        </Space>
                      )}
                    </Card>
                  );
                })}
              </div>
            )}
            {low.length > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 12 }}
                data-testid="low-similarity"
                message={t('相似度较低：{list}。请核对是否同一事项，确认后方可并案。', {
                  list: low.map((x) => `${proposalNo(x.number)}（${pct(x.score)}）`).join('、'),
                })}
              />
            )}
            <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 12 }} wrap>
              <Typography.Text type="secondary">{t('主提案须为已立案待交办，且与并入提案属于同一届次会议')}</Typography.Text>
              <Button type="primary" disabled={!canMerge} onClick={confirm}>
                {t('确认并案')}
              </Button>
            </Space>
          </Card>
        </Col>
      </Row>
      <Modal
        open={lowOpen}
        title={lowQuestion}
        okText={t('确认并案')}
        cancelText={t('取消')}
        okButtonProps={{ danger: true, disabled: !lowConfirmed }}
        onCancel={() => setLowOpen(false)}
        onOk={async () => {
          setLowOpen(false);
          await doMerge(true);
        }}
        destroyOnHidden
      >
        <ul style={{ paddingInlineStart: 18 }}>
          {low.map((x) => (
            <li key={x.id}>
              {proposalNo(x.number)} {detailOf(x.id)?.title}：{t('与主提案相似度{pct}', { pct: pct(x.score) })}
            </li>
          ))}
        </ul>
        <Typography.Paragraph type="secondary">{t('相似度低于{pct}的提案可能并非同一事项。并案后不可撤销。', { pct: pct(check.data?.threshold ?? 0.3) })}</Typography.Paragraph>
        <Checkbox checked={lowConfirmed} onChange={(e) => setLowConfirmed(e.target.checked)} data-testid="confirm-low-similarity">
          {t('我已核对，确认这些提案属于同一事项')}
        </Checkbox>
      </Modal>
    </Space>
  );
}

/** The merged group: the primary and every secondary, each with its own number and proposers. */
function MergedGroup({ p }: { p: ProposalDetail }) {
  const { t } = useI18n();
  const rows = [
    { id: p.id, role: 'primary', number: p.number, title: p.title, proposerNames: p.proposers.map((x) => x.name) },
    ...(p.mergeGroup?.secondaries ?? []).map((x) => ({ ...x, role: 'secondary' })),
  ];
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      data-testid="merged-group"
      dataSource={rows}
      columns={[
        { title: '', dataIndex: 'role', key: 'role', width: 90, render: (r: string) => (r === 'primary' ? <Tag color="red">{t('主提案')}</Tag> : <Tag color="blue">{t('并入')}</Tag>) },
        { title: t('编号'), dataIndex: 'number', key: 'number', width: 90, render: (n: number | null) => proposalNo(n) },
        { title: t('案由'), dataIndex: 'title', key: 'title', render: (title: string, r) => <Link to={`/proposals/${r.id}`}>{title}</Link> },
        { title: t('提案人'), dataIndex: 'proposerNames', key: 'proposers', render: (n: string[]) => n.join('、') },
      ]}
    />
  );
}
