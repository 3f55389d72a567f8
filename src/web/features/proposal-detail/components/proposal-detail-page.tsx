import { Suspense, useState, type ComponentType, type LazyExoticComponent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Grid, Space, Spin, Tabs, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { useI18n, useKindI18n } from '../../../lib/i18n.js';
import { formatDay, formatTime, proposalNo } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { StatusTag } from '../../../components/status-tag.js';
import { KindTag } from '../../../components/kind-tag.js';
import { RichText } from '../../../components/rich-text.js';
import type { ActionFormProps } from '../../../components/action-form.js';
import { DownloadButton } from '../../../components/download-button.js';
import { ProposalTasks } from '../../../components/proposal-tasks.js';
import { useMe } from '../../../app/auth.js';
import type { HistoryEntry, ProposalDetail } from '../../../../shared/schemas/proposal-reads.js';
import { ACTION_LABELS, type Action } from '../../../../shared/lifecycle.js';
import type { ProposalKind } from '../../../../shared/domain.js';
import {
  ASSIGNMENT_STATUSES,
  CATEGORIES,
  CONTACT_METHODS,
  DISCLOSURES,
  PROPOSAL_KINDS,
  RESULT_CLASSES,
  SATISFACTION,
  SUBMITTED_DURING,
  SUPERVISION_KINDS,
  UNIT_ROLES,
  REVIEW_REASONS,
  CONVERSIONS,
  REPLY_STATUSES,
} from '../../../../shared/domain.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';

type Forms = Partial<Record<Action, LazyExoticComponent<ComponentType<ActionFormProps>>>>;

// Actions shown as the main button; the others are default buttons.
const PRIMARY: Action[] = ['submit', 'confirm_cosign', 'file', 'assign', 'sign', 'reply', 'approve_reply', 'evaluate', 'report_follow_up'];

/** One proposal, for every role: its record, what happened, and the actions this user may take now. */
export function ProposalDetailPage({ actionForms }: { actionForms: Forms }) {
  const { id } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  const [open, setOpen] = useState<Action | null>(null);
  const q = useQuery({ queryKey: ['proposal', id], queryFn: () => api.get<ProposalDetail>(`/proposals/${id}`) });
  // An NPC deputy's suggestion is shown in the NPC's words (代表建议, 领衔代表, 附议 …).
  const { t, locale } = useKindI18n(q.data?.kind);

  const runAction = (a: Action, p: ProposalDetail) => {
    if (a === 'edit') navigate(`/proposals/${p.id}/edit`);
    else if (a === 'merge') navigate(`/merge?primaryId=${p.id}`);
    else setOpen(a);
  };

  return (
    <QueryState query={q}>
      {(p) => {
        const Form = open ? actionForms[open] : undefined;
        const actions = p.availableActions.filter((a) => a === 'edit' || a === 'merge' || actionForms[a]);
        return (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ padding: 0 }}>
              {t('返回')}
            </Button>
            <Card>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text type="secondary">
                    {p.session.name} · {proposalNo(p.number)}
                  </Typography.Text>
                  <KindTag kind={p.kind} />
                  <StatusTag status={p.status} />
                  {p.isKey && <Tag color="red">{t('重点')}</Tag>}
                  {p.overdue && <Tag color="error">{t('已逾期')}</Tag>}
                  {p.dueSoon && !p.overdue && <Tag color="warning">{t('即将到期')}</Tag>}
                  {p.published && <Tag>{t('已公开')}</Tag>}
                </Space>
                <PageTitle style={{ margin: 0 }} data-testid="proposal-title">
                  {p.title}
                </PageTitle>
                {p.deadline && (
                  <Typography.Text type="secondary">
                    {t('办理期限')}：{formatDay(p.deadline, locale)}
                  </Typography.Text>
                )}
                {(actions.length > 0 || (p.unavailableActions?.length ?? 0) > 0) && (
                  <Space wrap style={{ marginTop: 8 }} data-testid="actions">
                    {actions.map((a) => (
                      <Button key={a} type={PRIMARY.includes(a) ? 'primary' : 'default'} onClick={() => runAction(a, p)}>
                        {t(ACTION_LABELS[a])}
                      </Button>
                    ))}
                    {/* An action this user would take but no longer may (申请调整 after its window): shown, disabled, with why. */}
                    {(p.unavailableActions ?? []).map((u) => (
                      <Space key={u.action} size={4} wrap>
                        <Button disabled>{t(ACTION_LABELS[u.action])}</Button>
                        <Typography.Text type="secondary" data-testid={`unavailable-${u.action}`}>
                          {u.reason}
                        </Typography.Text>
                      </Space>
                    ))}
                  </Space>
                )}
              </Space>
            </Card>
            <Card>
              <Tabs
                items={[
                  { key: 'info', label: t('基本信息'), children: <Info p={p} /> },
                  { key: 'handling', label: t('交办情况'), children: <Handling p={p} /> },
                  { key: 'replies', label: `${t('答复')}${p.replies.length ? ` (${p.replies.length})` : ''}`, children: <Replies p={p} /> },
                  ...(p.isKey ? [{ key: 'supervision', label: t('督办活动'), children: <Supervision p={p} /> }] : []),
                  { key: 'history', label: t('办理过程'), children: <History id={p.id} /> },
                ]}
              />
            </Card>
            <ProposalTasks proposalId={p.id} linkable={me.roles.some((r) => r === 'office' || r === 'staff' || r === 'leader' || r === 'unit')} />
            {Form && (
              <Suspense fallback={<Spin fullscreen />}>
                <Form
                  proposal={p}
                  action={open!}
                  onClose={() => setOpen(null)}
                  onDone={() => {
                    setOpen(null);
                    q.refetch();
                  }}
                />
              </Suspense>
            )}
          </Space>
        );
      }}
    </QueryState>
  );
}

/** On phones the label sits above its value: a side-by-side table squeezes labels to one character a line. */
const useDescriptionLayout = () => (Grid.useBreakpoint().md ? ('horizontal' as const) : ('vertical' as const));

function Info({ p }: { p: ProposalDetail }) {
  const { t, locale } = useKindI18n(p.kind);
  const layout = useDescriptionLayout();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered layout={layout}>
        <Descriptions.Item label={t('类型')}>{PROPOSAL_KINDS.labels[p.kind]}</Descriptions.Item>
        <Descriptions.Item label={t('类别')}>{CATEGORIES.labels[p.category]}</Descriptions.Item>
        <Descriptions.Item label={t('提出方式')}>{SUBMITTED_DURING.labels[p.submittedDuring]}</Descriptions.Item>
        <Descriptions.Item label={t('提交时间')}>{formatTime(p.submittedAt, locale)}</Descriptions.Item>
        {p.enteredByName && (
          <Descriptions.Item label={t('代录')} span={2}>
            <span data-testid="entered-by">{t('纸质提案，由{name}代录', { name: p.enteredByName })}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={p.kind === 'suggestion' ? t('领衔代表、附议代表') : t('提案人')} span={2}>
          <Space wrap>
            {p.proposers.map((x, i) => (
              <Tag key={i} color={x.confirmation === 'declined' ? 'default' : x.confirmation === 'pending' ? 'gold' : i === 0 ? 'red' : 'blue'}>
                {x.name}
                {x.sector ? `（${x.sector}）` : ''}
                {x.confirmation === 'pending' ? ' 待确认' : x.confirmation === 'declined' ? ' 已拒绝' : ''}
                {x.recordedByName ? ` ${t('纸质签名（{name}代录）', { name: x.recordedByName })}` : ''}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
        {p.reviewDecision && p.reviewDecision !== 'filed' && (
          <Descriptions.Item label="审查意见" span={2}>
            {p.reviewReason ? REVIEW_REASONS.labels[p.reviewReason] : ''}
            {p.conversion ? `，${CONVERSIONS.labels[p.conversion]}` : ''}
            {p.reviewComment ? `：${p.reviewComment}` : ''}
          </Descriptions.Item>
        )}
      </Descriptions>
      {p.mergeGroup && (
        <Card size="small" title={t('并案情况')}>
          {p.mergeGroup.role === 'secondary' ? (
            <span>
              本件已并入 <Link to={`/proposals/${p.mergeGroup.primary.id}`}>{proposalNo(p.mergeGroup.primary.number)} {p.mergeGroup.primary.title}</Link> 合并办理
            </span>
          ) : (
            <Space direction="vertical">
              {p.mergeGroup.secondaries.map((s) => (
                <Link key={s.id} to={`/proposals/${s.id}`}>
                  {proposalNo(s.number)} {s.title}（{s.proposerNames.join('、')}）
                </Link>
              ))}
            </Space>
          )}
        </Card>
      )}
      <div>
        <Typography.Title level={5}>{t('正文')}</Typography.Title>
        <RichText value={p.body} />
      </div>
      {p.attachments.length > 0 && (
        <div>
          <Typography.Title level={5}>{t('附件')}</Typography.Title>
          {p.attachments.map((a) => (
            <div key={a.id}>
              <a href={`/api/v1/proposals/${p.id}/attachments/${a.id}`}>{a.fileName}</a>{' '}
              <Typography.Text type="secondary">({Math.ceil(a.size / 1024)} KB)</Typography.Text>
            </div>
          ))}
        </div>
      )}
    </Space>
  );
}

function Handling({ p }: { p: ProposalDetail }) {
  const { t, locale } = useKindI18n(p.kind);
  const layout = useDescriptionLayout();
  if (!p.assignments.length) return <Empty description="尚未交办" />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions column={1} size="small" bordered layout={layout}>
        {p.assignments.map((a) => (
          <Descriptions.Item key={a.id} label={`${UNIT_ROLES.labels[a.role]} · ${a.unitName}`}>
            <Space wrap>
              <Tag color={a.status === 'signed' ? 'green' : a.status === 'objected' ? 'orange' : a.status === 'removed' ? 'default' : 'blue'}>{ASSIGNMENT_STATUSES.labels[a.status]}</Tag>
              交办 {formatDay(a.assignedAt, locale)}
              {a.signedAt && `，签收 ${formatTime(a.signedAt, locale)}`}
              {a.objectionReason && `，调整理由：${a.objectionReason}`}
              {a.decision && `，审定：${a.decision === 'approved' ? '同意' : '不同意'}${a.decisionComment ? `（${a.decisionComment}）` : ''}`}
            </Space>
          </Descriptions.Item>
        ))}
      </Descriptions>
      <div>
        <Typography.Title level={5}>{t('沟通情况')}</Typography.Title>
        {p.contacts.length ? (
          <Timeline
            items={p.contacts.map((c) => ({
              children: (
                <span>
                  <b>{formatDay(c.contactDate, locale)}</b> {c.unitName} · {CONTACT_METHODS.labels[c.method]} · {c.participants}
                  <br />
                  {c.summary}
                </span>
              ),
            }))}
          />
        ) : (
          <Typography.Text type="secondary">暂无</Typography.Text>
        )}
      </div>
      {(p.coOpinions.length > 0 || p.coOpinionStatus.length > 0) && (
        <div>
          <Typography.Title level={5}>{t('会办意见')}</Typography.Title>
          {p.coOpinionStatus.length > 0 && (
            <Space wrap style={{ marginBottom: 8 }} data-testid="co-opinion-status">
              {p.coOpinionStatus.map((c) => (
                <Tag key={c.unitId} color={c.given ? 'green' : c.waiting ? 'gold' : 'default'}>
                  {c.unitName}
                  {c.round > 1 ? ` · ${t('新的会办意见')}` : ''}：
                  {c.given ? t('已提交') : c.waiting ? t('待提交（期限至{day}）', { day: formatDay(c.windowEnds, locale) }) : t('期限已过，未提交')}
                </Tag>
              ))}
            </Space>
          )}
          {p.coOpinions.map((o) => (
            <Card
              key={o.id}
              size="small"
              title={
                <Space wrap size={4}>
                  {o.unitName}
                  {o.round > 1 && <Tag color="purple">{t('新的会办意见')}</Tag>}
                  {o.afterReply && <Tag color="orange">{t('答复后收到')}</Tag>}
                </Space>
              }
              extra={<Typography.Text type="secondary">{formatTime(o.createdAt, locale)}</Typography.Text>}
              style={{ marginBottom: 8 }}
            >
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{o.body}</Typography.Paragraph>
            </Card>
          ))}
        </div>
      )}
    </Space>
  );
}

function Replies({ p }: { p: ProposalDetail }) {
  const { t, locale } = useKindI18n(p.kind);
  const me = useMe();
  // The server decides (403 with its message); the button is only hidden from those it never serves.
  const mayDownload = (unitId: number) => me.roles.some((r) => r === 'staff' || r === 'office' || r === 'member' || r === 'group') || (me.roles.includes('unit') && me.unitId === unitId);
  if (!p.replies.length) return <Empty description="尚未答复" />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {p.replies.map((r) => {
        // This reply's unit's own evaluation (an evaluation from before per-unit evaluation had no unit).
        const ev = p.evaluations.find((e) => e.sequence === r.sequence && (e.unitId === r.unitId || (e.unitId === null && r.isLead)));
        return (
          <Card
            key={r.id}
            size="small"
            title={
              <Space wrap>
                {r.sequence > 1 ? '重新办理答复' : '答复'} · {r.unitName}
                <Tag color={r.resultClass === 'A' ? 'green' : r.resultClass === 'B' ? 'blue' : 'orange'}>{RESULT_CLASSES.labels[r.resultClass]}</Tag>
                {r.status !== 'sent' && <Tag color={r.status === 'returned' ? 'red' : 'gold'}>{t(REPLY_STATUSES.labels[r.status])}</Tag>}
              </Space>
            }
            extra={
              <Space size={8}>
                <Typography.Text type="secondary">{DISCLOSURES.labels[r.disclosure]}</Typography.Text>
                {mayDownload(r.unitId) && (
                  <DownloadButton size="small" path={`/replies/${r.id}/letter.docx`} fallbackName="答复函.docx" data-testid={`reply-letter-${r.id}`}>
                    {t('下载答复函')}
                  </DownloadButton>
                )}
              </Space>
            }
          >
            {r.status === 'returned' && r.reviewComment && (
              <Typography.Paragraph type="danger">
                {t('退回理由：')}
                {r.reviewComment}
              </Typography.Paragraph>
            )}
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.body}</Typography.Paragraph>
            <Typography.Text type="secondary">
              {r.documentNo ? `${r.documentNo} · ` : ''}签发：{r.signerName} · {formatDay(r.replyDate, locale)}（期限 {formatDay(r.dueDate, locale)}）
            </Typography.Text>
            {ev && <EvaluationLine e={ev} kind={p.kind} />}
          </Card>
        );
      })}
      <CoUnitEvaluations p={p} />
      {p.followUps.length > 0 && (
        <div>
          <Typography.Title level={5}>{t('落实情况')}</Typography.Title>
          <Timeline items={p.followUps.map((f) => ({ color: f.completed ? 'green' : 'blue', children: <span>{formatTime(f.createdAt, locale)} {f.unitName}：{f.body}</span> }))} />
        </div>
      )}
    </Space>
  );
}

type Evaluation = ProposalDetail['evaluations'][number];

/** One unit's rating, with who evaluated and, for a paper form, who entered it (代录). */
function EvaluationLine({ e, withUnit, kind }: { e: Evaluation; withUnit?: boolean; kind: ProposalKind }) {
  const { t } = useKindI18n(kind);
  return (
    <div style={{ marginTop: 12, background: '#fafafa', padding: 8, borderRadius: 6 }} data-testid={`evaluation-${e.id}`}>
      <b>{kind === 'suggestion' ? t('代表满意度') : t('测评')}</b>
      {withUnit && e.unitName ? `（${e.unitName}）` : ''}：{t('办理态度')} {t(SATISFACTION.labels[e.attitude])}，{t('办理结果')} {t(SATISFACTION.labels[e.result])}
      {e.comment ? `。${e.comment}` : ''}
      {e.recordedByName && (
        <Typography.Text type="secondary">
          {' '}
          （{t('纸质测评表，由{name}代录', { name: e.recordedByName })}）
        </Typography.Text>
      )}
    </div>
  );
}

/** The co-units' own evaluations: they wrote no reply, so they are listed apart. */
function CoUnitEvaluations({ p }: { p: ProposalDetail }) {
  const { t } = useI18n();
  const answering = new Set(p.replies.map((r) => `${r.unitId}:${r.sequence}`));
  const rest = p.evaluations.filter((e) => e.unitId !== null && !answering.has(`${e.unitId}:${e.sequence}`));
  if (!rest.length) return null;
  return (
    <Card size="small" title={t('会办单位测评')}>
      {rest.map((e) => (
        <EvaluationLine key={e.id} e={e} withUnit kind={p.kind} />
      ))}
    </Card>
  );
}

function Supervision({ p }: { p: ProposalDetail }) {
  const { locale } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <div>督办领导：{p.leaders.map((l) => `${l.name}（${l.title}）`).join('、') || '待定'}</div>
      {p.supervisionActivities.length === 0 ? (
        <Empty description="暂无督办活动" />
      ) : (
        <Timeline
          items={p.supervisionActivities.map((a) => ({
            children: (
              <div>
                <b>
                  {formatDay(a.activityDate, locale)} {SUPERVISION_KINDS.labels[a.kind]}
                </b>{' '}
                · {a.place}
                <div>参加人员：{a.participants}</div>
                <div>{a.content}</div>
                {a.instructions && <div>领导批示：{a.instructions}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Space>
  );
}

function History({ id }: { id: number }) {
  const { locale } = useI18n();
  const q = useQuery({ queryKey: ['proposal', String(id), 'history'], queryFn: () => api.get<{ items: HistoryEntry[] }>(`/proposals/${id}/history`) });
  return (
    <QueryState query={q} empty={(d) => d.items.length === 0}>
      {(d) => (
        <Timeline
          items={d.items.map((h) => ({
            children: (
              <span>
                <b>{formatTime(h.at, locale)}</b> {h.actorName ?? '系统'} · {actionLabel(h.action)}
                {h.proxyFor ? `（代录：${h.proxyFor}）` : ''}
              </span>
            ),
          }))}
        />
      )}
    </QueryState>
  );
}

function actionLabel(action: string): string {
  const key = action.replace(/^proposal\./, '') as Action;
  return (ACTION_LABELS as Record<string, string>)[key] ?? HISTORY_LABELS[action] ?? action;
}

const HISTORY_LABELS: Record<string, string> = {
  'proposal.create': '起草',
  'proposal.update': '修改',
  'proposal.cosign': '联名确认',
  'proposal.deadline_scan': '期限提醒',
  'proposal.attachment_add': '上传附件',
  'proposal.unkey': '取消重点提案',
  'proposal.evaluate_on_behalf': '代录测评',
  'proposal.reply_resend': '修改后重新提交答复',
  'assignment.sign': '签收',
  'proposal.enter_paper': '代录纸质提案',
  'proposal.import_history': '往届数据导入',
};
