import { Suspense, useRef, useState, type ComponentType, type LazyExoticComponent } from 'react';
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
import { Data } from '../../../components/data-text.js';
import { englishServerMessage } from '../../../lib/server-messages.js';
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
import { LifecycleFlow } from './lifecycle-flow.js';
import { PrintLinks } from '../../print/components/print-links.js';
import '../i18n.js';
import { PreviewButton } from '../../attachment-preview/components/attachment-preview.js';
import './proposal-detail.css';
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
  // One history query for the diagram and 办理过程, read again whenever the proposal changes.
  const history = useQuery({
    queryKey: ['proposal', String(id), 'history', q.data?.version],
    queryFn: () => api.get<{ items: HistoryEntry[] }>(`/proposals/${id}/history`),
    enabled: q.data !== undefined,
  });

  // The button that opened the action's dialog: the dialog is unmounted when it closes (its own
  // focus return never runs then), so the page gives the focus back to that button, or to the
  // actions when the button has gone (the action was taken).
  const opener = useRef<HTMLElement | null>(null);
  const actionsBar = useRef<HTMLDivElement | null>(null);
  const closeAction = () => {
    setOpen(null);
    requestAnimationFrame(() => {
      const target = opener.current?.isConnected ? opener.current : actionsBar.current?.querySelector<HTMLElement>('button:not([disabled])');
      target?.focus();
    });
  };
  const runAction = (a: Action, p: ProposalDetail, button?: HTMLElement) => {
    opener.current = button ?? null;
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
                    <Data>{p.session.name}</Data> · {p.number ? t('第{n}号', { n: p.number }) : t('未编号')}
                  </Typography.Text>
                  <KindTag kind={p.kind} />
                  <StatusTag status={p.status} />
                  {p.isKey && <Tag color="red">{t('重点')}</Tag>}
                  {p.overdue && <Tag color="error">{t('已逾期')}</Tag>}
                  {p.dueSoon && !p.overdue && <Tag color="warning">{t('即将到期')}</Tag>}
                  {p.published && <Tag>{t('已公开')}</Tag>}
                </Space>
                <PageTitle style={{ margin: 0 }} data-testid="proposal-title">
                  <Data>{p.title}</Data>
                </PageTitle>
                {p.deadline && (
                  <Typography.Text type="secondary">
                    {t('办理期限')}：{formatDay(p.deadline, locale)}
                  </Typography.Text>
                )}
                {(actions.length > 0 || (p.unavailableActions?.length ?? 0) > 0) && (
                  <Space wrap style={{ marginTop: 8 }} data-testid="actions" ref={actionsBar}>
                    {actions.map((a) => (
                      <Button key={a} type={PRIMARY.includes(a) ? 'primary' : 'default'} onClick={(e) => runAction(a, p, e.currentTarget)}>
                        {t(ACTION_LABELS[a])}
                      </Button>
                    ))}
                    {/* An action this user would take but no longer may (申请调整 after its window): shown, disabled, with why. */}
                    {(p.unavailableActions ?? []).map((u) => (
                      <Space key={u.action} size={4} wrap>
                        <Button disabled>{t(ACTION_LABELS[u.action])}</Button>
                        <Typography.Text type="secondary" data-testid={`unavailable-${u.action}`}>
                          {locale === 'en-US' ? englishServerMessage('CONFLICT', u.reason) : u.reason}
                        </Typography.Text>
                      </Space>
                    ))}
                  </Space>
                )}
                <PrintLinks p={p} />
              </Space>
            </Card>
            {history.data && <LifecycleFlow p={p} history={history.data.items} />}
            <Card>
              <Tabs
                className="wrap-tabs"
                items={[
                  { key: 'info', label: t('基本信息'), children: <Info p={p} /> },
                  { key: 'handling', label: t('交办情况'), children: <Handling p={p} /> },
                  { key: 'replies', label: `${t('答复')}${p.replies.length ? ` (${p.replies.length})` : ''}`, children: <Replies p={p} /> },
                  ...(p.isKey ? [{ key: 'supervision', label: t('督办活动'), children: <Supervision p={p} /> }] : []),
                  { key: 'history', label: t('办理过程'), children: <History id={p.id} version={p.version} /> },
                ]}
              />
            </Card>
            <ProposalTasks proposalId={p.id} linkable={me.roles.some((r) => r === 'office' || r === 'staff' || r === 'leader' || r === 'unit')} />
            {Form && (
              <Suspense fallback={<Spin fullscreen />}>
                <Form
                  proposal={p}
                  action={open!}
                  onClose={closeAction}
                  onDone={() => {
                    closeAction();
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
        <Descriptions.Item label={t('类型')}>{t(PROPOSAL_KINDS.labels[p.kind])}</Descriptions.Item>
        <Descriptions.Item label={t('类别')}>{t(CATEGORIES.labels[p.category])}</Descriptions.Item>
        <Descriptions.Item label={t('提出方式')}>{t(SUBMITTED_DURING.labels[p.submittedDuring])}</Descriptions.Item>
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
                <Data>
                  {x.name}
                  {x.sector ? `（${x.sector}）` : ''}
                </Data>
                {x.confirmation === 'pending' ? ` ${t('待确认')}` : x.confirmation === 'declined' ? ` ${t('已拒绝')}` : ''}
                {x.recordedByName ? ` ${t('纸质签名（{name}代录）', { name: x.recordedByName })}` : ''}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
        {p.reviewDecision && p.reviewDecision !== 'filed' && (
          <Descriptions.Item label={t('审查意见')} span={2}>
            {p.reviewReason ? t(REVIEW_REASONS.labels[p.reviewReason]) : ''}
            {p.conversion ? `${t('，')}${t(CONVERSIONS.labels[p.conversion])}` : ''}
            {p.reviewComment ? (
              <>
                {t('：')}
                <Data>{p.reviewComment}</Data>
              </>
            ) : (
              ''
            )}
          </Descriptions.Item>
        )}
      </Descriptions>
      {p.mergeGroup && (
        <Card size="small" title={t('并案情况')}>
          {p.mergeGroup.role === 'secondary' ? (
            <span>
              {t('本件已并入')}{' '}
              <Link to={`/proposals/${p.mergeGroup.primary.id}`}>
                {proposalNo(p.mergeGroup.primary.number)} <Data>{p.mergeGroup.primary.title}</Data>
              </Link>{' '}
              {t('合并办理')}
            </span>
          ) : (
            <Space direction="vertical">
              {p.mergeGroup.secondaries.map((s) => (
                <Link key={s.id} to={`/proposals/${s.id}`}>
                  {proposalNo(s.number)} <Data>{s.title}（{s.proposerNames.join('、')}）</Data>
                </Link>
              ))}
            </Space>
          )}
        </Card>
      )}
      <div>
        <Typography.Title level={5}>{t('正文')}</Typography.Title>
        <div data-content="">
          <RichText value={p.body} />
        </div>
      </div>
      {p.attachments.length > 0 && (
        <div>
          <Typography.Title level={5}>{t('附件')}</Typography.Title>
          {p.attachments.map((a) => (
            <div key={a.id}>
              <a href={`/api/v1/proposals/${p.id}/attachments/${a.id}`}>
                <Data>{a.fileName}</Data>
              </a>{' '}
              <Typography.Text type="secondary">({Math.ceil(a.size / 1024)} KB)</Typography.Text>
              <PreviewButton proposalId={p.id} file={a} />
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
  if (!p.assignments.length) return <Empty description={t('尚未交办')} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions column={1} size="small" bordered layout={layout}>
        {p.assignments.map((a) => (
          <Descriptions.Item
            key={a.id}
            label={
              <>
                {t(UNIT_ROLES.labels[a.role])} · <Data>{a.unitName}</Data>
              </>
            }
          >
            <Space wrap>
              <Tag color={a.status === 'signed' ? 'green' : a.status === 'objected' ? 'orange' : a.status === 'removed' ? 'default' : 'blue'}>{t(ASSIGNMENT_STATUSES.labels[a.status])}</Tag>
              {t('交办 {day}', { day: formatDay(a.assignedAt, locale) })}
              {a.signedAt && t('，签收 {time}', { time: formatTime(a.signedAt, locale) })}
              {a.objectionReason && (
                <>
                  {t('，调整理由：')}
                  <Data>{a.objectionReason}</Data>
                </>
              )}
              {a.decision && `${t('，审定：')}${t(a.decision === 'approved' ? '同意' : '不同意')}`}
              {a.decision && a.decisionComment && <Data>（{a.decisionComment}）</Data>}
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
                  <b>{formatDay(c.contactDate, locale)}</b> <Data>{c.unitName}</Data> · {t(CONTACT_METHODS.labels[c.method])} · <Data>{c.participants}</Data>
                  <br />
                  <Data>{c.summary}</Data>
                </span>
              ),
            }))}
          />
        ) : (
          <Typography.Text type="secondary">{t('暂无')}</Typography.Text>
        )}
      </div>
      {(p.coOpinions.length > 0 || p.coOpinionStatus.length > 0) && (
        <div>
          <Typography.Title level={5}>{t('会办意见')}</Typography.Title>
          {p.coOpinionStatus.length > 0 && (
            <Space wrap style={{ marginBottom: 8 }} data-testid="co-opinion-status">
              {p.coOpinionStatus.map((c) => (
                <Tag key={c.unitId} color={c.given ? 'green' : c.waiting ? 'gold' : 'default'}>
                  <Data>{c.unitName}</Data>
                  {c.round > 1 ? ` · ${t('新的会办意见')}` : ''}
                  {t('：')}
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
                  <Data>{o.unitName}</Data>
                  {o.round > 1 && <Tag color="purple">{t('新的会办意见')}</Tag>}
                  {o.afterReply && <Tag color="orange">{t('答复后收到')}</Tag>}
                </Space>
              }
              extra={<Typography.Text type="secondary">{formatTime(o.createdAt, locale)}</Typography.Text>}
              style={{ marginBottom: 8 }}
            >
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                <Data>{o.body}</Data>
              </Typography.Paragraph>
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
  const wide = Grid.useBreakpoint().md;
  const mayDownload = (unitId: number) => me.roles.some((r) => r === 'staff' || r === 'office' || r === 'member' || r === 'group') || (me.roles.includes('unit') && me.unitId === unitId);
  if (!p.replies.length) return <Empty description={t('尚未答复')} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {p.replies.map((r) => {
        // This reply's unit's own evaluation (an evaluation from before per-unit evaluation had no unit).
        const ev = p.evaluations.find((e) => e.sequence === r.sequence && (e.unitId === r.unitId || (e.unitId === null && r.isLead)));
        const extra = (
          <Space size={8} wrap>
            <Typography.Text type="secondary">{t(DISCLOSURES.labels[r.disclosure])}</Typography.Text>
            {mayDownload(r.unitId) && (
              <DownloadButton size="small" path={`/replies/${r.id}/letter.docx`} fallbackName="答复函.docx" data-testid={`reply-letter-${r.id}`}>
                {t('下载答复函')}
              </DownloadButton>
            )}
          </Space>
        );
        return (
          <Card
            key={r.id}
            size="small"
            data-testid={`reply-${r.id}`}
            // The unit's name wraps rather than being cut to 「答复 · 文化广」 on a phone.
            styles={{ title: { whiteSpace: 'normal', overflow: 'visible', padding: '8px 0' } }}
            title={
              <Space wrap size={[8, 4]}>
                <span>
                  {t(r.sequence > 1 ? '重新办理答复' : '答复')} · <Data>{r.unitName}</Data>
                </span>
                <Tag color={r.resultClass === 'A' ? 'green' : r.resultClass === 'B' ? 'blue' : 'orange'}>{t(RESULT_CLASSES.labels[r.resultClass])}</Tag>
                {r.status !== 'sent' && <Tag color={r.status === 'returned' ? 'red' : 'gold'}>{t(REPLY_STATUSES.labels[r.status])}</Tag>}
              </Space>
            }
            extra={wide ? extra : undefined}
          >
            {r.status === 'returned' && r.reviewComment && (
              <Typography.Paragraph type="danger">
                {t('退回理由：')}
                <Data>{r.reviewComment}</Data>
              </Typography.Paragraph>
            )}
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              <Data>{r.body}</Data>
            </Typography.Paragraph>
            <Typography.Text type="secondary">
              {r.documentNo ? (
                <>
                  <Data>{r.documentNo}</Data> ·{' '}
                </>
              ) : (
                ''
              )}
              {t('签发：')}
              <Data>{r.signerName}</Data> · {formatDay(r.replyDate, locale)}
              {t('（期限 {day}）', { day: formatDay(r.dueDate, locale) })}
            </Typography.Text>
            {!wide && <div style={{ marginTop: 8 }}>{extra}</div>}
            {ev && <EvaluationLine e={ev} kind={p.kind} />}
          </Card>
        );
      })}
      <CoUnitEvaluations p={p} />
      {p.followUps.length > 0 && (
        <div>
          <Typography.Title level={5}>{t('落实情况')}</Typography.Title>
          <Timeline items={p.followUps.map((f) => ({ color: f.completed ? 'green' : 'blue', children: <span>{formatTime(f.createdAt, locale)} <Data>{f.unitName}：{f.body}</Data></span> }))} />
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
      {withUnit && e.unitName ? <Data>（{e.unitName}）</Data> : ''}
      {t('：')}
      {t('办理态度')} {t(SATISFACTION.labels[e.attitude])}
      {t('，')}
      {t('办理结果')} {t(SATISFACTION.labels[e.result])}
      {e.comment ? (
        <>
          {t('。')}
          <Data>{e.comment}</Data>
        </>
      ) : (
        ''
      )}
      {e.recordedByName && (
        <Typography.Text type="secondary">
          {' '}
          {t('（纸质测评表，由{name}代录）', { name: e.recordedByName })}
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
  const { t, locale } = useKindI18n(p.kind);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <div>
        {t('督办领导：')}
        {p.leaders.length ? <Data>{p.leaders.map((l) => `${l.name}（${l.title}）`).join('、')}</Data> : t('待定')}
      </div>
      {p.supervisionActivities.length === 0 ? (
        <Empty description={t('暂无督办活动')} />
      ) : (
        <Timeline
          items={p.supervisionActivities.map((a) => ({
            children: (
              <div>
                <b>
                  {formatDay(a.activityDate, locale)} {t(SUPERVISION_KINDS.labels[a.kind])}
                </b>{' '}
                · <Data>{a.place}</Data>
                <div>
                  {t('参加人员：')}
                  <Data>{a.participants}</Data>
                </div>
                <div>
                  <Data>{a.content}</Data>
                </div>
                {a.instructions && (
                  <div>
                    {t('领导批示：')}
                    <Data>{a.instructions}</Data>
                  </div>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Space>
  );
}

function History({ id, version }: { id: number; version: number }) {
  const { t, locale } = useI18n();
  const q = useQuery({ queryKey: ['proposal', String(id), 'history', version], queryFn: () => api.get<{ items: HistoryEntry[] }>(`/proposals/${id}/history`) });
  return (
    <QueryState query={q} empty={(d) => d.items.length === 0}>
      {(d) => (
        <Timeline
          items={d.items.map((h) => ({
            children: (
              <span>
                <b>{formatTime(h.at, locale)}</b> {h.actorName ? <Data>{h.actorName}</Data> : t('系统')} · {t(actionLabel(h.action))}
                {h.proxyFor ? (
                  <>
                    {t('（代录：')}
                    <Data>{h.proxyFor}</Data>
                    {t('）')}
                  </>
                ) : (
                  ''
                )}
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
