import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Empty } from 'antd';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { formatDay, proposalNo } from '../../../lib/format.js';
import { today } from '../../../lib/clock.js';
import { QueryState } from '../../../components/query-state.js';
import { RichText } from '../../../components/rich-text.js';
import { useMe } from '../../../app/auth.js';
import type { ProposalDetail } from '../../../../shared/schemas/proposal-reads.js';
import { ASSIGNMENT_MODES, CATEGORIES, SUBMITTED_DURING } from '../../../../shared/domain.js';
import { PrintSheet, Row } from './print-sheet.js';

// The proposal's three paper forms, read from GET /proposals/:id (the server decides who may read
// it): the proposal as filed, the 交办单 the units receive, the 催办通知单 of a late reply.
// An NPC suggestion is written in the NPC's words (useKindI18n).

type Proposer = ProposalDetail['proposers'][number];
const withSector = (x: Proposer) => `${x.name}${x.sector ? `（${x.sector}）` : ''}`;
const signed = (p: ProposalDetail) => p.proposers.filter((x) => x.confirmation === 'lead' || x.confirmation === 'confirmed');
const live = (p: ProposalDetail) => p.assignments.filter((a) => a.status !== 'removed');

function useProposal() {
  const { id } = useParams();
  return useQuery({ queryKey: ['proposal', id], queryFn: () => api.get<ProposalDetail>(`/proposals/${id}`) });
}

/** /proposals/:id/print — the proposal as filed: number, session, title, proposers, body, date. */
export function ProposalPrintPage() {
  const q = useProposal();
  return <QueryState query={q}>{(p) => <ProposalSheet p={p} />}</QueryState>;
}

function ProposalSheet({ p }: { p: ProposalDetail }) {
  const { t, locale } = useKindI18n(p.kind);
  const [lead, ...cos] = signed(p);
  return (
    <PrintSheet testId="print-proposal">
      <h1>{t('提案')}</h1>
      <div className="print-sub">
        {p.session.name} · {proposalNo(p.number)}
      </div>
      <table>
        <tbody>
          <Row label={t('案由')}>{p.title}</Row>
          <Row label={t('类别')}>{CATEGORIES.labels[p.category]}</Row>
          <Row label={p.kind === 'suggestion' ? t('领衔代表') : t('提案人')}>{lead ? withSector(lead) : '—'}</Row>
          <Row label={t('联名人')}>{cos.length ? cos.map(withSector).join('、') : '—'}</Row>
          <Row label={t('提出方式')}>{SUBMITTED_DURING.labels[p.submittedDuring]}</Row>
          <Row label={t('提交日期')}>{formatDay(p.submittedAt ?? p.createdAt, locale)}</Row>
        </tbody>
      </table>
      <div className="print-body">
        <RichText value={p.body} />
      </div>
      <div className="print-right" style={{ marginTop: 32 }}>
        <div>{lead?.name}</div>
        <div>{formatDay(p.submittedAt ?? p.createdAt, locale)}</div>
      </div>
    </PrintSheet>
  );
}

/** /proposals/:id/print/assignment — 交办单: number, title, lead and co units, deadline, date, signature lines. */
export function AssignmentPrintPage() {
  const q = useProposal();
  return <QueryState query={q}>{(p) => <AssignmentSheet p={p} />}</QueryState>;
}

function AssignmentSheet({ p }: { p: ProposalDetail }) {
  const { t, locale } = useKindI18n(p.kind);
  const units = live(p);
  const names = (role: string) => units.filter((a) => a.role === role).map((a) => a.unitName).join('、') || '—';
  const assignedAt = p.assignedAt ?? units.map((a) => a.assignedAt).sort()[0] ?? null;
  return (
    <PrintSheet testId="print-assignment">
      <h1>{t('提案交办单')}</h1>
      <div className="print-sub">{p.session.name}</div>
      {units.length === 0 ? (
        <Empty description={t('尚未交办')} />
      ) : (
        <>
          <table>
            <tbody>
              <Row label={t('编号')}>{proposalNo(p.number)}</Row>
              <Row label={t('案由')}>{p.title}</Row>
              <Row label={p.kind === 'suggestion' ? t('领衔代表') : t('提案人')}>{signed(p).map((x) => x.name).join('、')}</Row>
              <Row label={t('交办方式')}>{p.assignmentMode ? ASSIGNMENT_MODES.labels[p.assignmentMode] : '—'}</Row>
              {p.assignmentMode === 'separate' ? (
                <Row label={t('分办单位')}>{names('separate')}</Row>
              ) : (
                <>
                  <Row label={t('主办单位')}>{names('lead')}</Row>
                  <Row label={t('会办单位')}>{names('co')}</Row>
                </>
              )}
              <Row label={t('交办日期')}>{formatDay(assignedAt, locale)}</Row>
              <Row label={t('办理期限')}>{formatDay(p.deadline, locale)}</Row>
            </tbody>
          </table>
          <div className="print-body">
            <p>{t('请按有关规定认真办理，与提案人沟通协商，在办理期限内书面答复提案人。主办单位负责答复，会办单位应及时向主办单位提出会办意见。')}</p>
          </div>
          <div className="print-signatures">
            <div>
              {t('交办单位（盖章）')}：
              <br />
              {t('日期')}：{formatDay(assignedAt, locale)}
            </div>
            <div>
              {t('承办单位签收人')}：________________
              <br />
              {t('日期')}：________________
            </div>
          </div>
        </>
      )}
    </PrintSheet>
  );
}

/** /proposals/:id/print/reminder — 催办通知单: one notice to each unit whose reply is still owed. */
export function ReminderPrintPage() {
  const q = useProposal();
  return <QueryState query={q}>{(p) => <ReminderSheet p={p} />}</QueryState>;
}

function ReminderSheet({ p }: { p: ProposalDetail }) {
  const { t, locale } = useKindI18n(p.kind);
  const me = useMe();
  const day = formatDay(today().format('YYYY-MM-DD'), locale);
  // The units that answer (主办 or each 分办) and have sent no reply in this round.
  const answered = new Set(p.replies.filter((r) => r.sequence === p.replySequence && r.status === 'sent').map((r) => r.unitId));
  const owing = live(p).filter((a) => a.role !== 'co' && !answered.has(a.unitId));
  const issuer = me.roles.includes('office') ? '政府办督查室' : p.kind === 'suggestion' ? '人大常委会选联工委' : '政协提案委员会';
  return (
    <PrintSheet testId="print-reminder">
      {owing.length === 0 ? (
        <>
          <h1>{t('催办通知单')}</h1>
          <Empty description={live(p).length ? t('已答复') : t('尚未交办')} />
        </>
      ) : (
        owing.map((a, i) => (
          <section key={a.id} className={i > 0 ? 'print-page-break' : undefined}>
            <h1>{t('催办通知单')}</h1>
            <div className="print-sub">{p.session.name}</div>
            <p style={{ margin: '16px 0 8px' }}>{a.unitName}：</p>
            <div className="print-body">
              <p>
                {t('你单位承办的{no}提案《{title}》，办理期限为{deadline}。截至{day}，{late}。请抓紧办理，与提案人沟通协商，按期书面答复提案人。', {
                  no: proposalNo(p.number),
                  title: p.title,
                  deadline: formatDay(p.deadline, locale),
                  day,
                  late: p.overdue ? t('已超过办理期限，尚未答复') : t('尚未答复'),
                })}
              </p>
              {a.remindedAt && <p>{t('此前已于{day}催办。', { day: formatDay(a.remindedAt, locale) })}</p>}
            </div>
            <table>
              <tbody>
                <Row label={t('编号')}>{proposalNo(p.number)}</Row>
                <Row label={t('案由')}>{p.title}</Row>
                <Row label={t('交办日期')}>{formatDay(a.assignedAt, locale)}</Row>
                <Row label={t('办理期限')}>{formatDay(p.deadline, locale)}</Row>
              </tbody>
            </table>
            <div className="print-right" style={{ marginTop: 40 }}>
              <div>{t(issuer)}</div>
              <div>{day}</div>
            </div>
          </section>
        ))
      )}
    </PrintSheet>
  );
}
