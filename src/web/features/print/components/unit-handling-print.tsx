import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Result } from 'antd';
import { api, type Page } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatDay, proposalNo } from '../../../lib/format.js';
import { today } from '../../../lib/clock.js';
import { QueryState } from '../../../components/query-state.js';
import { useMe } from '../../../app/auth.js';
import type { ProposalDetail, ProposalListItem } from '../../../../shared/schemas/proposal-reads.js';
import { ASSIGNMENT_STATUSES, SATISFACTION, UNIT_ROLES } from '../../../../shared/domain.js';
import { STATE_LABELS } from '../../../../shared/lifecycle.js';
import { PrintSheet } from './print-sheet.js';

// 承办单位办理情况表: every proposal assigned to one unit, with its assignment's state, the unit's
// own reply (date, class) and the proposer's rating of that unit. Read from the existing API: the
// list filtered by unit, then each proposal (the server limits both to what the reader may see).

const MAX_PAGES = 10;
const AT_ONCE = 4;

interface Line {
  p: ProposalDetail;
  role: string;
  assignment: string;
  replyDate: string | null;
  resultClass: string | null;
  satisfaction: string | null;
}

async function loadLines(unitId: number): Promise<Line[]> {
  const items: ProposalListItem[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const r = await api.get<Page<ProposalListItem>>('/proposals', { unitId, page, pageSize: 100, sort: 'number:asc' });
    items.push(...r.items);
    if (items.length >= r.total || r.items.length === 0) break;
  }
  const details: ProposalDetail[] = [];
  for (let i = 0; i < items.length; i += AT_ONCE) {
    details.push(...(await Promise.all(items.slice(i, i + AT_ONCE).map((it) => api.get<ProposalDetail>(`/proposals/${it.id}`)))));
  }
  // The latest session first, CPPCC before NPC, then by number.
  details.sort((x, y) => y.session.id - x.session.id || x.kind.localeCompare(y.kind) || (x.number ?? 0) - (y.number ?? 0));
  return details.flatMap((p) => {
    const a = p.assignments.filter((x) => x.unitId === unitId && x.status !== 'removed').sort((x, y) => y.round - x.round)[0];
    if (!a) return [];
    const reply = p.replies.filter((r) => r.unitId === unitId && r.status === 'sent').sort((x, y) => y.sequence - x.sequence)[0];
    const ev = p.evaluations.filter((e) => e.unitId === unitId || (e.unitId === null && a.role === 'lead')).sort((x, y) => y.sequence - x.sequence)[0];
    return [
      {
        p,
        role: UNIT_ROLES.labels[a.role],
        assignment: ASSIGNMENT_STATUSES.labels[a.status],
        replyDate: reply?.replyDate ?? null,
        resultClass: reply ? `${reply.resultClass}类` : null,
        satisfaction: ev ? `态度${SATISFACTION.labels[ev.attitude]}，结果${SATISFACTION.labels[ev.result]}` : null,
      },
    ];
  });
}

/** /units/:id/print/handling — a unit sees its own table; staff, the office and leaders any unit's. */
export function UnitHandlingPrintPage() {
  const { id } = useParams();
  const unitId = Number(id);
  const me = useMe();
  const { t } = useI18n();
  const ownOnly = me.roles.includes('unit') && !me.roles.some((r) => r === 'staff' || r === 'office' || r === 'leader');
  const allowed = Number.isInteger(unitId) && unitId > 0 && (!ownOnly || me.unitId === unitId);
  const units = useQuery({ queryKey: ['units'], queryFn: () => api.get<{ id: number; name: string }[]>('/units'), enabled: allowed });
  const lines = useQuery({ queryKey: ['unit-handling', unitId], queryFn: () => loadLines(unitId), enabled: allowed });
  if (!allowed) return <Result status="403" title="403" subTitle={t('当前角色无权访问此页面')} />;
  const name = units.data?.find((u) => u.id === unitId)?.name ?? '';
  return <QueryState query={lines}>{(rows) => <HandlingSheet name={name} rows={rows} />}</QueryState>;
}

function HandlingSheet({ name, rows }: { name: string; rows: Line[] }) {
  const { t, locale } = useI18n();
  return (
    <PrintSheet testId="print-handling">
      <h1>{t('承办单位办理情况表')}</h1>
      <div className="print-sub">
        {name} · {t('共{n}件', { n: rows.length })} · {t('打印日期')}：{formatDay(today().format('YYYY-MM-DD'), locale)}
      </div>
      <table className="print-list">
        <thead>
          <tr>
            <th>{t('编号')}</th>
            <th>{t('案由')}</th>
            <th>{t('承办方式')}</th>
            <th>{t('状态')}</th>
            <th>{t('答复日期')}</th>
            <th>{t('答复类别')}</th>
            <th>{t('满意度')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.p.id} data-testid={`handling-row-${r.p.id}`}>
              <td>
                <div style={{ fontSize: '0.85em' }}>{r.p.session.name}</div>
                <div style={{ whiteSpace: 'nowrap' }}>
                  {r.p.kind === 'suggestion' ? '建议' : ''}
                  {proposalNo(r.p.number)}
                </div>
              </td>
              <td>{r.p.title}</td>
              <td>{t(r.role)}</td>
              <td>
                {t(STATE_LABELS[r.p.status])}（{t(r.assignment)}）
              </td>
              <td style={{ whiteSpace: 'nowrap' }}>{r.replyDate ? formatDay(r.replyDate, locale) : t('未答复')}</td>
              <td>{r.resultClass ?? '—'}</td>
              <td>{r.satisfaction ?? t('未测评')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </PrintSheet>
  );
}
