import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Collapse, Descriptions, Empty, Grid, List, Modal, Select, Space, Table, Tag, Timeline, Typography, type TableProps } from 'antd';
import { FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { api, type Page } from '../../../lib/api.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatDay, proposalNo, sessionOptionLabel } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { StatusTag } from '../../../components/status-tag.js';
import { useActionLauncher } from '../../../components/action-launcher.js';
import { DownloadButton } from '../../../components/download-button.js';
import { useMe } from '../../../app/auth.js';
import { ACTION_FORMS } from '../../../app/action-forms.js';
import type { KeyProposalItem, SupervisionActivity } from '../../../../shared/schemas/key-proposals.js';
import type { ProposalListItem } from '../../../../shared/schemas/proposal-reads.js';
import { SUPERVISION_KINDS } from '../../../../shared/domain.js';
import '../i18n.js';
import { KindTag } from '../../../components/kind-tag.js';
import { SupervisionPanel } from '../../../components/supervision/meetings-panel.js';
import { InviteJointDialog } from '../../../components/supervision/invite-joint-dialog.js';
import type { SupervisionFigures } from '../../../../shared/schemas/supervision.js';
import { PageTitle } from '../../../components/page-title.js';
import { Data } from '../../../components/data-text.js';

interface SessionOption {
  id: number;
  name: string;
  kind: string;
  year: number;
  isCurrent: boolean;
}

const RESULT_COLORS = { A: 'green', B: 'blue', C: 'orange' } as const;
const SUPERVISABLE = ['assigned', 'handling', 'rehandling', 'replied', 'following_up', 'closed'];

/**
 * 重点提案 for the committee, the office and leaders (a leader sees only the proposals they
 * supervise): leaders, lead unit, state, result class and the supervision record, with the
 * actions to change leaders (committee) and record an activity.
 */
export function KeyProposalsPage() {
  const { t } = useI18n();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const isStaff = me.roles.includes('staff');
  const onlyLeader = me.roles.includes('leader') && !isStaff && !me.roles.includes('office');
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20' });
  const [adding, setAdding] = useState(false);
  const [inviting, setInviting] = useState<KeyProposalItem | null>(null);
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => api.get<SessionOption[]>('/sessions') });
  const list = useQuery({
    queryKey: ['key-proposals', s.sessionId ?? null],
    queryFn: () => api.get<{ items: KeyProposalItem[] }>('/key-proposals', { sessionId: s.sessionId }),
  });
  const launcher = useActionLauncher(ACTION_FORMS, () => void list.refetch());
  // The documents are per session: the chosen one, else the current 政协 session.
  const docSessionId = s.sessionId
    ? Number(s.sessionId)
    : (sessions.data?.find((x) => x.isCurrent && x.kind === 'proposal') ?? sessions.data?.find((x) => x.isCurrent) ?? sessions.data?.[0])?.id;
  const items = list.data?.items ?? [];
  const proposalOptions = items.map((i) => ({ id: i.id, label: `${proposalNo(i.number)} ${i.title}` }));
  const record = (r: KeyProposalItem) => (
    <>
      {r.activityCount > 0 && <Activities id={r.id} />}
      <SupervisionPanel proposal={{ id: r.id, label: `${proposalNo(r.number)} ${r.title}` }} otherProposals={proposalOptions} />
    </>
  );
  const leaderCount = new Set(items.flatMap((i) => i.leaders.map((l) => l.id))).size;

  const actions = (r: KeyProposalItem) => (
    <Space size={4} wrap>
      {isStaff && (
        <Button size="small" loading={launcher.isLoading(r.id, 'designate_key')} onClick={() => void launcher.launch(r.id, 'designate_key')}>
          {t('调整督办领导')}
        </Button>
      )}
      {SUPERVISABLE.includes(r.status) && (
        <Button size="small" type="primary" ghost loading={launcher.isLoading(r.id, 'add_supervision')} onClick={() => void launcher.launch(r.id, 'add_supervision')}>
          {t('登记督办活动')}
        </Button>
      )}
      {isStaff && me.tenantHasParent && (
        <Button size="small" onClick={() => setInviting(r)}>
          {t('邀请上级联合督办')}
        </Button>
      )}
    </Space>
  );

  const columns: TableProps<KeyProposalItem>['columns'] = [
    { title: t('编号'), dataIndex: 'number', key: 'number', width: 90, render: (n: number | null) => proposalNo(n) },
    {
      title: t('案由'),
      dataIndex: 'title',
      key: 'title',
      minWidth: 240,
      render: (title: string, r) => (
        <Space direction="vertical" size={0}>
          <Link to={`/proposals/${r.id}`}>
            <Data>{title}</Data>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <KindTag kind={r.kind} />
            <Data>{r.proposers.join('、')}</Data>
            {r.published && <Tag style={{ marginInlineStart: 6 }}>{t('已公开')}</Tag>}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('督办领导'),
      key: 'leaders',
      width: 170,
      render: (_: unknown, r) => (
        <Space direction="vertical" size={0}>
          {r.leaders.map((l) => (
            <span key={l.id}>
              {/* A leader's page lists his meetings and instructions across proposals. */}
              {onlyLeader || l.levelName ? <Data>{l.name}</Data> : <Link to={`/leaders/${l.id}/supervision`}><Data>{l.name}</Data></Link>}
              <Typography.Text type="secondary">（<Data>{l.levelName ? `${l.levelName}` : ''}{l.title}</Data>）</Typography.Text>
            </span>
          ))}
        </Space>
      ),
    },
    { title: t('主办单位'), key: 'unit', width: 130, render: (_: unknown, r) => <Data>{r.leadUnit?.name ?? '—'}</Data> },
    { title: t('状态'), dataIndex: 'status', key: 'status', width: 120, render: (v: KeyProposalItem['status']) => <StatusTag status={v} /> },
    { title: t('办理结果'), dataIndex: 'resultClass', key: 'resultClass', width: 90, render: (c: KeyProposalItem['resultClass']) => (c ? <Tag color={RESULT_COLORS[c]}>{c}</Tag> : '—') },
    { title: t('督办活动'), dataIndex: 'activityCount', key: 'activityCount', width: 90, align: 'center', render: (n: number) => (n ? <Tag color="red">{n}</Tag> : <Typography.Text type="secondary">0</Typography.Text>) },
    // Kept in view on narrow screens: the table scrolls under it.
    { title: t('操作'), key: 'actions', width: 140, fixed: 'right', render: (_: unknown, r) => actions(r) },
  ];

  const page = Number(s.page ?? 1);
  const pageSize = Number(s.pageSize ?? 20);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <PageTitle style={{ margin: 0 }}>
            {onlyLeader ? t('我督办的重点提案') : t('重点提案')}
          </PageTitle>
          {list.data && <Typography.Text type="secondary">{t('{n} 件重点提案，{m} 位督办领导', { n: items.length, m: leaderCount })}</Typography.Text>}
        </div>
        <Space wrap>
          <Select
            allowClear
            placeholder={t('全部届次')}
            aria-label={t('届次')}
            style={{ width: 220 }}
            value={s.sessionId ? Number(s.sessionId) : undefined}
            onChange={(v) => update({ sessionId: v })}
            options={(sessions.data ?? []).map((x) => ({ value: x.id, label: sessionOptionLabel(x) }))}
          />
          {docSessionId !== undefined && (
            <>
              <DownloadButton icon={<FileWordOutlined />} path={`/sessions/${docSessionId}/documents/key-publicity.docx`} fallbackName="重点提案办理情况公示.docx">
                {t('下载重点提案公示')}
              </DownloadButton>
              <DownloadButton icon={<FileWordOutlined />} path={`/sessions/${docSessionId}/documents/key-review.docx`} fallbackName="重点提案督办工作综述.docx">
                {t('下载督办综述')}
              </DownloadButton>
              <DownloadButton icon={<FileWordOutlined />} path={`/sessions/${docSessionId}/documents/supervision-review.docx`} fallbackName="领导领衔督办工作综述.docx">
                {t('下载领导督办综述')}
              </DownloadButton>
            </>
          )}
          {isStaff && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('新增重点提案')}
            </Button>
          )}
        </Space>
      </Space>
      {docSessionId !== undefined && <FiguresCard sessionId={docSessionId} />}
      <Card size="small">
        <QueryState query={list} empty={(d) => d.items.length === 0} emptyText={t('暂无重点提案')}>
          {(d) =>
            screens.md ? (
              <Table<KeyProposalItem>
                rowKey="id"
                size="middle"
                loading={list.isFetching}
                columns={columns}
                dataSource={d.items}
                scroll={{ x: 1050 }}
                expandable={{ expandedRowRender: (r) => record(r) }}
                pagination={{
                  current: page,
                  pageSize,
                  showSizeChanger: true,
                  pageSizeOptions: [20, 50, 100],
                  showTotal: (n) => `${t('共')} ${n} ${t('条')}`,
                  onChange: (p, ps) => update({ page: p, pageSize: ps }, false),
                }}
              />
            ) : (
              <List
                dataSource={d.items}
                pagination={{ current: page, pageSize, size: 'small', onChange: (p) => update({ page: p }, false) }}
                renderItem={(r) => (
                  <Card size="small" style={{ marginBottom: 12 }} title={<Link to={`/proposals/${r.id}`}>{proposalNo(r.number)} <Data>{r.title}</Data></Link>}>
                    <Descriptions column={1} size="small">
                      <Descriptions.Item label={t('督办领导')}>{r.leaders.map((l) => `${l.name}（${l.title}）`).join('、')}</Descriptions.Item>
                      <Descriptions.Item label={t('主办单位')}>{r.leadUnit?.name ?? '—'}</Descriptions.Item>
                      <Descriptions.Item label={t('状态')}>
                        <StatusTag status={r.status} /> {r.resultClass && <Tag color={RESULT_COLORS[r.resultClass]}>{r.resultClass}</Tag>}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('督办活动')}>{r.activityCount}</Descriptions.Item>
                    </Descriptions>
                    <Collapse size="small" ghost style={{ marginBottom: 8 }} items={[{ key: 'a', label: `${t('督办记录')}（${r.activityCount}）`, children: record(r) }]} />
                    {actions(r)}
                  </Card>
                )}
              />
            )
          }
        </QueryState>
      </Card>
      {adding && (
        <AddKeyDialog
          onClose={() => setAdding(false)}
          onPick={(id) => {
            setAdding(false);
            void launcher.launch(id, 'designate_key');
          }}
        />
      )}
      {inviting && <InviteJointDialog proposalId={inviting.id} title={`${proposalNo(inviting.number)} ${inviting.title}`} onClose={() => setInviting(null)} />}
      {launcher.element}
    </Space>
  );
}

/** 领导督办数据: coverage by organ and the two-level count of the session. */
function FiguresCard({ sessionId }: { sessionId: number }) {
  const { t, locale } = useI18n();
  const q = useQuery({ queryKey: ['supervision-figures', sessionId], queryFn: () => api.get<SupervisionFigures>(`/sessions/${sessionId}/supervision-figures`) });
  if (!q.data) return null;
  const f = q.data;
  return (
    <Card size="small" title={t('领导督办数据')}>
      <Space direction="vertical" size={0}>
        {/* The sentence of the annual report is written by the server in Chinese, with this level's organs. */}
        {locale === 'zh-CN' ? (
          <Typography.Text>{f.principalSentence}{f.jointSentence ? `；${f.jointSentence}` : ''}</Typography.Text>
        ) : (
          <Typography.Text>
            {t('主要领导领衔督办 {n} 件', { n: f.principalLed })}
            {f.jointSentence ? <>; <span lang="zh-CN">{f.jointSentence}</span></> : ''}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">
          {f.byOrgan.filter((o) => o.proposals > 0).map((o) => `${t(o.label)} ${o.proposals}`).join(' · ')}
        </Typography.Text>
        <Typography.Text type="secondary">{t('督办会议 {n} 次，领导批示 {m} 条（已反馈 {k} 条）', { n: f.meetings, m: f.instructions.total, k: f.instructions.followedUp })}</Typography.Text>
      </Space>
    </Card>
  );
}

/** The supervision record of one key proposal, newest first. */
function Activities({ id }: { id: number }) {
  const { t, locale } = useI18n();
  const q = useQuery({
    queryKey: ['supervision-activities', id],
    queryFn: () => api.get<{ items: SupervisionActivity[] }>(`/proposals/${id}/supervision-activities`),
  });
  return (
    <QueryState query={q} empty={(d) => d.items.length === 0} emptyText={t('暂无督办活动')}>
      {(d) => (
        <Timeline
          style={{ marginTop: 12 }}
          items={[...d.items]
            .sort((a, b) => b.activityDate.localeCompare(a.activityDate))
            .map((a) => ({
              key: a.id,
              children: (
                <div>
                  <Typography.Text strong>
                    {formatDay(a.activityDate, locale)} {t(SUPERVISION_KINDS.labels[a.kind])}
                  </Typography.Text>
                  <Typography.Text type="secondary"> · {a.place}</Typography.Text>
                  <Descriptions column={1} size="small" style={{ marginTop: 4 }}>
                    <Descriptions.Item label={t('参加人员')}>{a.participants}</Descriptions.Item>
                    <Descriptions.Item label={t('活动内容')}>
                      <span style={{ whiteSpace: 'pre-wrap' }}>{a.content}</span>
                    </Descriptions.Item>
                    {a.unitReport && (
                      <Descriptions.Item label={t('承办单位汇报')}>
                        <span style={{ whiteSpace: 'pre-wrap' }}>{a.unitReport}</span>
                      </Descriptions.Item>
                    )}
                    {a.memberOpinions && (
                      <Descriptions.Item label={t('委员意见')}>
                        <span style={{ whiteSpace: 'pre-wrap' }}>{a.memberOpinions}</span>
                      </Descriptions.Item>
                    )}
                    {a.instructions && (
                      <Descriptions.Item label={t('领导批示')}>
                        <span style={{ whiteSpace: 'pre-wrap' }}>{a.instructions}</span>
                      </Descriptions.Item>
                    )}
                  </Descriptions>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('登记人 {name}', { name: a.createdByName })}
                  </Typography.Text>
                </div>
              ),
            }))}
        />
      )}
    </QueryState>
  );
}

/** Choose a filed (or later) proposal that is not key yet; its KeyForm opens next. */
function AddKeyDialog({ onClose, onPick }: { onClose: () => void; onPick: (id: number) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<number | undefined>();
  const search = useQuery({
    queryKey: ['proposals', 'key-candidates', q],
    queryFn: () =>
      api.get<Page<ProposalListItem>>('/proposals', {
        q: q || undefined,
        isKey: false,
        status: 'filed,assigned,handling,rehandling,replied,following_up,closed',
        sort: 'number:asc',
        pageSize: 30,
      }),
    placeholderData: (prev) => prev,
  });
  return (
    <Modal open title={t('新增重点提案')} onCancel={onClose} okText={t('下一步')} cancelText={t('取消')} okButtonProps={{ disabled: !picked }} onOk={() => picked && onPick(picked)}>
      <Select
        showSearch
        autoFocus
        style={{ width: '100%' }}
        aria-label={t('选择提案')}
        placeholder={t('输入案由关键词搜索已立案的提案')}
        filterOption={false}
        onSearch={setQ}
        loading={search.isFetching}
        value={picked}
        onChange={setPicked}
        notFoundContent={search.isFetching ? undefined : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        options={(search.data?.items ?? []).map((p) => ({ value: p.id, label: `${proposalNo(p.number)} ${p.title}（${p.sessionName}）` }))}
      />
    </Modal>
  );
}
