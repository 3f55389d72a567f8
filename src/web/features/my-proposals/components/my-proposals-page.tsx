import { Link, useNavigate } from 'react-router';
import { Data } from '../../../components/data-text.js';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Grid, Input, Pagination, Select, Space, Spin, Tag, Typography } from 'antd';
import { EditOutlined, FileExcelOutlined } from '@ant-design/icons';
import { api, type Page } from '../../../lib/api.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { formatDay, proposalNo, sessionOptionLabel } from '../../../lib/format.js';
import { useMe } from '../../../app/auth.js';
import { ProposalTable } from '../../../components/proposal-table.js';
import { QueryState } from '../../../components/query-state.js';
import { DownloadButton } from '../../../components/download-button.js';
import { StatusTag } from '../../../components/status-tag.js';
import type { ProposalDetail, ProposalListItem } from '../../../../shared/schemas/proposal-reads.js';
import { STATES, STATE_LABELS, type State } from '../../../../shared/lifecycle.js';
import '../i18n.js';
import { LinkButton } from '../../../components/link-button.js';
import { PageTitle } from '../../../components/page-title.js';

interface SessionOption {
  id: number;
  name: string;
  kind: string;
  year: number;
}

/** What the member is asked to do about a proposal, most urgent first. */
type Todo = 'cosign' | 'evaluate' | 'revise' | 'draft';
const TODO_ORDER: Todo[] = ['cosign', 'evaluate', 'revise', 'draft'];
const TODO_TEXT: Record<Todo, { message: string; button: string; color: string; alert: 'warning' | 'info' }> = {
  cosign: { message: '联名邀请：请确认是否联名', button: '去确认', color: 'gold', alert: 'warning' },
  evaluate: { message: '已答复：请对办理情况进行测评', button: '去测评', color: 'cyan', alert: 'warning' },
  revise: { message: '已退回修改：请修改后重新提交', button: '去修改', color: 'magenta', alert: 'warning' },
  draft: { message: '草稿：尚未提交', button: '继续编辑', color: 'default', alert: 'info' },
};
const TODO_STATES: State[] = ['draft', 'pending_cosign', 'returned', 'replied'];

function todoOf(p: ProposalDetail): Todo | null {
  const a = p.availableActions;
  if (a.includes('confirm_cosign')) return 'cosign';
  if (a.includes('evaluate')) return 'evaluate';
  if (p.status === 'returned' && a.includes('edit')) return 'revise';
  if (p.status === 'draft' && a.includes('edit')) return 'draft';
  return null;
}

const todoLink = (todo: Todo, id: number) => (todo === 'draft' || todo === 'revise' ? `/proposals/${id}/edit` : `/proposals/${id}`);

/** The member's (or body's) own and joint proposals, with what needs them called out on top. */
export function MyProposalsPage() {
  const me = useMe();
  // A deputy's page speaks of 建议, 代表 and 附议.
  const { t, locale } = useKindI18n(me.workKind ?? undefined);
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const navigate = useNavigate();
  const who = me.memberId ? { memberId: me.memberId } : me.bodyId ? { bodyId: me.bodyId } : {};
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20', sort: 'updatedAt:desc' });

  const { page: _page, pageSize: _pageSize, ...filters } = s;
  const exportQuery = { ...filters, ...who };

  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => api.get<SessionOption[]>('/sessions') });
  const list = useQuery({
    queryKey: ['proposals', 'mine', who, s],
    queryFn: () => api.get<Page<ProposalListItem>>('/proposals', { ...s, ...who }),
    placeholderData: (prev) => prev,
  });

  // Proposals that may need the member: the detail says which actions they may take now.
  const candidates = useQuery({
    queryKey: ['proposals', 'mine', who, 'todo'],
    queryFn: () => api.get<Page<ProposalListItem>>('/proposals', { ...who, status: TODO_STATES.join(','), pageSize: 50, sort: 'updatedAt:desc' }),
  });
  const details = useQueries({
    queries: (candidates.data?.items ?? []).map((p) => ({
      queryKey: ['proposal', String(p.id)],
      queryFn: () => api.get<ProposalDetail>(`/proposals/${p.id}`),
      staleTime: 30_000,
    })),
  });
  const todos = details
    .flatMap((d) => (d.data ? [{ p: d.data, todo: todoOf(d.data) }] : []))
    .filter((x): x is { p: ProposalDetail; todo: Todo } => x.todo !== null)
    .sort((a, b) => TODO_ORDER.indexOf(a.todo) - TODO_ORDER.indexOf(b.todo));
  const todoById = new Map(todos.map((x) => [x.p.id, x.todo]));
  const urgent = todos.filter((x) => x.todo !== 'draft');
  const drafts = todos.filter((x) => x.todo === 'draft');

  const todoTag = (id: number) => {
    const todo = todoById.get(id);
    if (!todo || todo === 'draft') return null;
    return (
      // A link around the tag: reached by Tab and opened by Enter, as a mouse opens it.
      <Link to={todoLink(todo, id)}>
        <Tag color={TODO_TEXT[todo].color} style={{ cursor: 'pointer' }}>
          {t(TODO_TEXT[todo].button)}
        </Tag>
      </Link>
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <div style={{ flex: 1, minWidth: 160 }}>
          <PageTitle style={{ margin: 0 }}>
            {t('我的提案')}
          </PageTitle>
          <Typography.Text type="secondary">{me.bodyId && !me.memberId ? t('我方提出的和参与联名的提案') : t('我提出的和参与联名的提案')}</Typography.Text>
        </div>
        {!mobile && (
          <DownloadButton icon={<FileExcelOutlined />} path="/proposals/export.xlsx" query={exportQuery} fallbackName="提案列表.xlsx">
            {t('导出表格')}
          </DownloadButton>
        )}
        <LinkButton to="/proposals/new" type="primary" icon={<EditOutlined />}>
            {t('写提案')}
          </LinkButton>
      </div>

      {(urgent.length > 0 || drafts.length > 0) && (
        <Card size="small" title={t('待我处理')} data-testid="todos" styles={{ body: { padding: mobile ? 8 : 12 } }}>
          <Space orientation="vertical" style={{ width: '100%' }} size={8}>
            {[...urgent, ...drafts].map(({ p, todo }) => (
              <Alert
                key={p.id}
                type={TODO_TEXT[todo].alert}
                showIcon
                title={
                  <span>
                    <b>{t(TODO_TEXT[todo].message)}</b>
                    <br />
                    <Link to={`/proposals/${p.id}`}>
                      <Data>{p.title}</Data>
                    </Link>
                    {p.number ? ` · ${proposalNo(p.number)}` : ''}
                  </span>
                }
                action={
                  <Button size="small" type={todo === 'draft' ? 'default' : 'primary'} onClick={() => navigate(todoLink(todo, p.id))}>
                    {t(TODO_TEXT[todo].button)}
                  </Button>
                }
              />
            ))}
          </Space>
        </Card>
      )}

      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          <Input.Search
            allowClear
            placeholder={t('搜索案由、正文或编号')}
            aria-label={t('搜索案由、正文或编号')}
            defaultValue={s.q}
            onSearch={(q) => update({ q })}
            style={{ width: mobile ? '100%' : 240 }}
          />
          <Select
            allowClear
            aria-label={t('届次')}
            placeholder={t('全部届次')}
            style={{ width: mobile ? 'calc(50% - 4px)' : 220 }}
            value={s.sessionId ? Number(s.sessionId) : undefined}
            onChange={(v) => update({ sessionId: v })}
            options={(sessions.data ?? []).map((x) => ({ value: x.id, label: sessionOptionLabel(x) }))}
          />
          <Select
            allowClear
            mode="multiple"
            aria-label={t('状态')}
            placeholder={t('全部状态')}
            style={{ width: mobile ? 'calc(50% - 4px)' : 240 }}
            maxTagCount={mobile ? 1 : 2}
            value={s.status ? s.status.split(',') : []}
            onChange={(v: string[]) => update({ status: v.join(',') })}
            options={STATES.map((x) => ({ value: x, label: t(STATE_LABELS[x]) }))}
          />
          {mobile && (
            <Select
              aria-label={t('排序')}
              style={{ width: 'calc(50% - 4px)' }}
              value={s.sort}
              onChange={(v) => update({ sort: v })}
              options={[
                { value: 'updatedAt:desc', label: t('最近更新') },
                { value: 'number:asc', label: t('按编号') },
                { value: 'deadline:asc', label: t('按办理期限') },
              ]}
            />
          )}
          <Button onClick={() => update({ q: undefined, status: undefined, sessionId: undefined, sort: undefined })}>{t('重置')}</Button>
        </div>
      </Card>

      <QueryState query={list} empty={(d) => d.total === 0 && !s.q && !s.status && !s.sessionId} emptyText={t('还没有提案，点击“写提案”开始起草')}>
        {(data) =>
          mobile ? (
            <Space orientation="vertical" style={{ width: '100%' }} data-testid="proposal-cards">
              {list.isFetching && <Spin style={{ display: 'block' }} />}
              {data.items.length === 0 && <Empty description={t('暂无数据')} />}
              {data.items.map((p) => (
                <Card key={p.id} size="small">
                  <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                    <Space size={4} wrap>
                      <StatusTag status={p.status} />
                      {todoTag(p.id)}
                      {p.isKey && <Tag color="red">{t('重点')}</Tag>}
                      {p.overdue && <Tag color="error">{t('已逾期')}</Tag>}
                      {p.dueSoon && !p.overdue && <Tag color="warning">{t('即将到期')}</Tag>}
                    </Space>
                    <Link to={`/proposals/${p.id}`} style={{ fontSize: 15, fontWeight: 500 }}>
                      {p.title}
                    </Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.sessionName} · {proposalNo(p.number)}
                      {' · '}
                      {p.leadProposerName}
                      {p.proposerCount > 1 ? ` ${t('等{n}人', { n: p.proposerCount })}` : ''}
                    </Typography.Text>
                    {(p.deadline || p.leadUnitName) && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {p.leadUnitName ? `${t('主办单位')}：${p.leadUnitName}` : ''}
                        {p.leadUnitName && p.deadline ? ' · ' : ''}
                        {p.deadline ? `${t('办理期限')}：${formatDay(p.deadline, locale)}` : ''}
                      </Typography.Text>
                    )}
                  </Space>
                </Card>
              ))}
              <Pagination
                simple
                align="center"
                current={data.page}
                pageSize={data.pageSize}
                total={data.total}
                onChange={(page) => update({ page }, false)}
              />
            </Space>
          ) : (
            <Card size="small">
              <ProposalTable
                data={data}
                loading={list.isFetching}
                sort={s.sort}
                onChange={(p) => update({ page: p.page, pageSize: p.pageSize, sort: p.sort }, false)}
                extraColumns={[{ title: t('待我处理'), key: 'todo', width: 110, render: (_: unknown, r: ProposalListItem) => todoTag(r.id) ?? '—' }]}
              />
            </Card>
          )
        }
      </QueryState>
    </Space>
  );
}
