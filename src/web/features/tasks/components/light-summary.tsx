import { Card, Col, Row, Skeleton, Typography } from 'antd';
import { useT } from '../../../lib/i18n.js';
import type { TaskStats } from '../../../../shared/schemas/tasks.js';
import { LIGHT_COLORS, LIGHT_TEXT_COLORS } from './task-tags.js';
import { clickable } from '../../../components/keyboard.js';

interface Props {
  stats: { data?: TaskStats; isLoading: boolean; error: unknown };
  active?: string;
  onPick: (light: string | undefined) => void;
}

/** The counts per light over the tasks this user sees; a click filters the table. */
export function LightSummary({ stats, active, onPick }: Props) {
  const t = useT();
  if (stats.isLoading) return <Skeleton.Input active block />;
  if (!stats.data) return null;
  const o = stats.data.overall;
  const b = stats.data.byStatus;
  const cells: { key: string | undefined; label: string; value: number; color: string; text: string }[] = [
    { key: undefined, label: t('任务总数'), value: o.total, color: '#262626', text: '#262626' },
    { key: 'green', label: t('绿灯'), value: o.green, color: LIGHT_COLORS.green, text: LIGHT_TEXT_COLORS.green },
    { key: 'yellow', label: t('黄灯'), value: o.yellow, color: LIGHT_COLORS.yellow, text: LIGHT_TEXT_COLORS.yellow },
    { key: 'red', label: t('红灯'), value: o.red, color: LIGHT_COLORS.red, text: LIGHT_TEXT_COLORS.red },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="light-summary">
      {cells.map((c) => (
        <Col key={c.label} xs={12} md={6}>
          <Card
            size="small"
            hoverable
            role="button"
            aria-pressed={active === c.key || (!active && !c.key)}
            {...clickable(() => onPick(c.key))}
            style={{ borderColor: active === c.key || (!active && !c.key) ? c.color : undefined, borderTop: `3px solid ${c.color}` }}
            data-testid={`count-${c.key ?? 'total'}`}
          >
            <Typography.Text type="secondary">{c.label}</Typography.Text>
            <div style={{ fontSize: 26, fontWeight: 600, color: c.text, lineHeight: 1.3 }}>{c.value}</div>
            {!c.key && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('已完成{a} · 序时推进{b} · 滞后{c} · 未启动{d} · 未报送{e}', { a: b.done, b: b.on_track, c: b.behind, d: b.not_started, e: b.unreported })}
              </Typography.Text>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
