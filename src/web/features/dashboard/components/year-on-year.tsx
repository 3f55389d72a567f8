import { useQueries } from '@tanstack/react-query';
import { Card, Table, Typography } from 'antd';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatRate } from '../../../lib/format.js';
import type { Figures } from '../../../../shared/schemas/figures.js';
import '../i18n.js';
import { Data } from '../../../components/data-text.js';

interface SessionOption {
  id: number;
  name: string;
  kind: string;
  year: number;
}

/** How many sessions the comparison shows, latest first. */
const YEARS = 6;

/**
 * 历年对比: the same figures for the organ's latest sessions side by side, the chosen one in bold
 * (past sessions imported from a county's spreadsheets count like any other).
 */
export function YearOnYear({ sessions, sessionId }: { sessions: SessionOption[]; sessionId: number }) {
  const { t } = useI18n();
  const chosen = sessions.find((s) => s.id === sessionId);
  const same = sessions
    .filter((s) => chosen && s.kind === chosen.kind)
    .sort((a, b) => b.year - a.year || b.id - a.id)
    .slice(0, YEARS);
  if (chosen && !same.includes(chosen)) same.push(chosen);
  const figures = useQueries({
    queries: same.map((s) => ({ queryKey: ['figures', s.id], queryFn: () => api.get<Figures>(`/sessions/${s.id}/figures`) })),
  });
  if (same.length < 2) return null;
  const rows = same.map((s, i) => ({ s, f: figures[i]?.data }));
  const cell = (v: (f: Figures) => string | number) => (_: unknown, r: (typeof rows)[number]) => (r.f ? v(r.f) : '…');
  return (
    <Card size="small" title={t('历年对比')} data-testid="year-on-year">
      <Table
        size="small"
        rowKey={(r) => r.s.id}
        pagination={false}
        scroll={{ x: 860 }}
        dataSource={rows}
        columns={[
          { title: t('届次'), key: 'name', fixed: 'left', width: 150, render: (_: unknown, r) => <Typography.Text strong={r.s.id === sessionId}><Data>{`${r.s.year} ${r.s.name}`}</Data></Typography.Text> },
          { title: t('收到'), key: 'received', width: 64, render: cell((f) => f.received) },
          { title: t('立案'), key: 'filed', width: 64, render: cell((f) => f.filed) },
          { title: t('立案率'), key: 'filingRate', width: 80, render: cell((f) => formatRate(f.filingRate)) },
          { title: t('并案后'), key: 'afterMerge', width: 72, render: cell((f) => f.afterMerge) },
          { title: t('重点提案'), key: 'key', width: 80, render: cell((f) => f.keyProposals) },
          { title: 'A/B/C', key: 'abc', width: 90, render: cell((f) => `${f.resultClasses.A}/${f.resultClasses.B}/${f.resultClasses.C}`) },
          { title: t('结果满意率'), key: 'sat', width: 96, render: cell((f) => formatRate(f.satisfaction.result.rate)) },
          { title: t('按时办复率'), key: 'onTime', width: 96, render: cell((f) => formatRate(f.onTimeRate)) },
          { title: t('见面率'), key: 'face', width: 72, render: cell((f) => formatRate(f.faceToFaceRate)) },
        ]}
      />
    </Card>
  );
}
