import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { api } from '../../../lib/api.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatTime, proposalNo, sessionOptionLabel } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { StatusTag } from '../../../components/status-tag.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import type { PublicationItem, PublicationPage } from '../../../../shared/schemas/publication.js';
import { DISCLOSURES, type Disclosure } from '../../../../shared/domain.js';
import { STATE_LABELS } from '../../../../shared/lifecycle.js';
import '../i18n.js';
import { serverPagination } from '../../../components/server-pagination.js';
import { useBatchRunner } from '../../../components/batch-runner.js';
import { PageTitle } from '../../../components/page-title.js';
import { Data } from '../../../components/data-text.js';

interface SessionOption {
  id: number;
  name: string;
  kind: string;
  year: number;
}

const PUBLISHABLE = ['replied', 'following_up', 'closed'] as const;
const DISCLOSURE_COLORS: Record<Disclosure, string> = { public: 'green', private: 'red', on_request: 'gold' };

const privateReply = (r: PublicationItem) => r.replyDisclosures.some((x) => x.disclosure === 'private');

/**
 * 公开发布: handled proposals with whether they are on the public portal and how the lead unit
 * marked its reply (公开 / 不公开 / 依申请公开); publish or take back after a confirm.
 */
export function PublicationPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const showErrors = useServerErrors();
  const [busy, setBusy] = useState<number | null>(null);
  const [chosen, setChosen] = useState<number[]>([]);
  const batch = useBatchRunner();
  const { modal } = App.useApp();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20', sort: 'number:asc' });
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => api.get<SessionOption[]>('/sessions') });
  const query = { page: s.page, pageSize: s.pageSize, sort: s.sort, sessionId: s.sessionId, q: s.q, status: s.status ?? PUBLISHABLE.join(',') };
  // One request for the page: the list with each proposal's publication day and its replies' disclosure marks.
  const list = useQuery({
    queryKey: ['proposals', 'publication', query],
    queryFn: () => api.get<PublicationPage>('/proposals/publication', query),
    placeholderData: (prev) => prev,
  });
  const rows = list.data?.items ?? [];

  const toggle = async (r: PublicationItem) => {
    setBusy(r.id);
    try {
      await api.post(`/proposals/${r.id}/publish`, { published: !r.published, version: r.version });
      message.success(r.published ? t('已撤回公开') : t('已公开'));
      void qc.invalidateQueries({ queryKey: ['proposals'] });
      void qc.invalidateQueries({ queryKey: ['proposal', String(r.id)] });
    } catch (e) {
      showErrors(e);
      void qc.invalidateQueries({ queryKey: ['proposals'] });
      void qc.invalidateQueries({ queryKey: ['proposal', String(r.id)] });
    } finally {
      setBusy(null);
    }
  };

  /** 批量公开: one confirmation for the chosen proposals; all are published or none. */
  const publishChosen = () => {
    const picked = rows.filter((r) => chosen.includes(r.id) && !r.published);
    const privateOnes = picked.filter(privateReply);
    modal.confirm({
      title: t('确认在公众平台公开选中的{n}件提案？', { n: picked.length }),
      content: privateOnes.length ? t('其中{n}件的答复标注为“不公开”，请确认已征得同意。', { n: privateOnes.length }) : t('全部公开成功才会保存，任何一件不能公开则都不公开。'),
      okText: t('确认公开'),
      cancelText: t('取消'),
      okButtonProps: { danger: privateOnes.length > 0 },
      onOk: async () => {
        const r = await batch.run({ title: t('批量公开'), path: '/proposals/publish-bulk', body: { items: picked.map((x) => ({ id: x.id, version: x.version })) } });
        if (r) {
          message.success(t('已公开{n}件', { n: r.items.length }));
          setChosen([]);
        }
      },
    });
  };

  const sortField = s.sort?.split(':')[0];
  const columns: TableProps<PublicationItem>['columns'] = [
    { title: t('编号'), dataIndex: 'number', key: 'number', width: 90, sorter: true, sortOrder: sortField === 'number' ? (s.sort?.endsWith('desc') ? 'descend' : 'ascend') : null, render: (n: number | null) => proposalNo(n) },
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
        </Space>
      ),
    },
    { title: t('状态'), dataIndex: 'status', key: 'status', width: 130, render: (v: PublicationItem['status']) => <StatusTag status={v} /> },
    { title: t('主办单位'), key: 'unit', width: 150, render: (_: unknown, r) => <Data>{r.leadUnitName ?? (r.separateUnitNames.join('、') || '—')}</Data> },
    {
      title: t('答复公开属性'),
      key: 'disclosure',
      width: 130,
      render: (_: unknown, r) => {
        if (!r.replyDisclosures.length) return '—';
        return (
          <Space size={2} wrap>
            {r.replyDisclosures.map((x, i) => (
              <Tag key={i} color={DISCLOSURE_COLORS[x.disclosure]} title={x.unitName}>
                {t(DISCLOSURES.labels[x.disclosure])}
              </Tag>
            ))}
          </Space>
        );
      },
    },
    {
      title: t('公开状态'),
      dataIndex: 'published',
      key: 'published',
      width: 170,
      render: (v: boolean, r) =>
        v ? (
          <Space direction="vertical" size={0}>
            <Tag color="green">{t('已公开')}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatTime(r.publishedAt, locale)}
            </Typography.Text>
          </Space>
        ) : (
          <Tag>{t('未公开')}</Tag>
        ),
    },
    {
      title: t('操作'),
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_: unknown, r) => {
        const isPrivate = privateReply(r);
        return (
          <Popconfirm
            title={r.published ? t('确认撤回公开？') : t('确认在公众平台公开此提案？')}
            description={!r.published && isPrivate ? t('承办单位将答复标注为“不公开”，请确认已征得同意后再公开。') : undefined}
            okText={t('确定')}
            cancelText={t('取消')}
            okButtonProps={{ danger: r.published || isPrivate }}
            onConfirm={() => toggle(r)}
          >
            <Button size="small" type={r.published ? 'default' : 'primary'} danger={r.published} loading={busy === r.id} aria-label={`${r.published ? t('撤回公开') : t('公开')} ${proposalNo(r.number)}`}>
              {r.published ? t('撤回公开') : t('公开')}
            </Button>
          </Popconfirm>
        );
      },
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <PageTitle style={{ margin: 0 }}>
          {t('公开发布')}
        </PageTitle>
        <Typography.Text type="secondary">{t('已答复、跟踪落实和已办结的提案，可在公众平台公开；请参照承办单位对答复的公开属性。')}</Typography.Text>
      </div>
      <Card size="small">
        <Space wrap>
          <Input.Search key={s.q ?? ''} allowClear placeholder={t('搜索案由、正文或编号')} aria-label={t('搜索案由、正文或编号')} defaultValue={s.q} onSearch={(q) => update({ q })} style={{ width: 240 }} />
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
            placeholder={t('全部状态')}
            aria-label={t('状态')}
            style={{ width: 160 }}
            value={s.status}
            onChange={(v) => update({ status: v })}
            options={PUBLISHABLE.map((x) => ({ value: x, label: t(STATE_LABELS[x]) }))}
          />
          <Button onClick={() => update({ q: undefined, sessionId: undefined, status: undefined })}>{t('重置')}</Button>
        </Space>
      </Card>
      <Card size="small">
        <Space style={{ marginBottom: 12 }} wrap>
          <Button type="primary" disabled={chosen.length === 0} onClick={publishChosen} data-testid="batch-publish">
            {t('批量公开')}
            {chosen.length ? `（${chosen.length}）` : ''}
          </Button>
          <Typography.Text type="secondary">{t('勾选尚未公开的提案后一次公开')}</Typography.Text>
        </Space>
        <QueryState query={list}>
          {(data) => (
            <Table<PublicationItem>
              rowSelection={{
                selectedRowKeys: chosen,
                preserveSelectedRowKeys: true,
                getTitleCheckboxProps: () => ({ 'aria-label': t('全选本页') }),
                getCheckboxProps: (r) => ({ disabled: r.published, 'aria-label': `${t('选择')} ${proposalNo(r.number)}` }),
                onChange: (keys) => setChosen(keys.map(Number)),
              }}
              rowKey="id"
              size="middle"
              loading={list.isFetching}
              columns={columns}
              dataSource={data.items}
              scroll={{ x: 980 }}
              pagination={serverPagination(data, t)}
              onChange={(p, _f, so) => {
                const one = Array.isArray(so) ? so[0] : so;
                update({ page: p.current ?? 1, pageSize: p.pageSize ?? 20, sort: one?.order ? `number:${one.order === 'ascend' ? 'asc' : 'desc'}` : 'number:asc' }, false);
              }}
            />
          )}
        </QueryState>
      </Card>
      {batch.element}
    </Space>
  );
}
