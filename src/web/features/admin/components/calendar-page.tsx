import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Alert, App, Button, Card, Col, Row, Select, Space, Tooltip, Typography } from 'antd';
import { api, ApiError, type FieldIssue } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { formatDay } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import type { z } from 'zod';
import type { calendarOut } from '../../../../shared/schemas/admin.js';
import { PageHeader } from './admin-shared.js';
import { today } from '../../../lib/clock.js';

type CalendarYear = z.infer<typeof calendarOut>;
type Kind = 'holiday' | 'workday';
type Marks = Record<string, { kind: Kind; note: string | null }>;

const HOLIDAY = { bg: '#fff1f0', border: '#ff4d4f', fg: '#cf1322' };
const WORKDAY = { bg: '#e6f4ff', border: '#1677ff', fg: '#0958d9' };
// Weekend digits: #666 on #fafafa, 5.7:1 (Ant Design's #8c8c8c was 3.3:1).
const WEEKEND = { bg: '#fafafa', fg: '#666666' };

const isWeekend = (day: string) => {
  const w = dayjs(day).day();
  return w === 0 || w === 6;
};

function marksOf(c: CalendarYear): Marks {
  const m: Marks = {};
  for (const h of c.holidays) m[h.day] = { kind: 'holiday', note: h.note };
  for (const w of c.workdays) m[w.day] = { kind: 'workday', note: w.note };
  return m;
}

/** The next state of a day on a click: weekdays toggle holiday; weekends go 休 → 调休上班 → 节假日 → 休. */
function nextKind(day: string, current: Kind | undefined): Kind | undefined {
  if (!isWeekend(day)) return current ? undefined : 'holiday';
  if (!current) return 'workday';
  if (current === 'workday') return 'holiday';
  return undefined;
}

/** The 系统管理员's working-day calendar: official holidays and 调休 working weekends per year. */
export function CalendarPage() {
  const { t } = useI18n();
  const thisYear = today().year();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ year: String(thisYear) });
  const year = Number(s.year) || thisYear;
  const cal = useQuery({ queryKey: ['calendar', year], queryFn: () => api.get<CalendarYear>('/calendar', { year }) });
  const years = Array.from({ length: 7 }, (_, i) => thisYear - 3 + i);
  if (!years.includes(year)) years.push(year);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={t('工作日历')}
        extra={
          <Select
            aria-label={t('年份')}
            value={year}
            style={{ width: 120 }}
            onChange={(v) => update({ year: v })}
            options={years.sort().map((y) => ({ value: y, label: t('{y}年', { y }) }))}
          />
        }
      />
      <QueryState query={cal}>{(data) => <CalendarEditor key={`${year}-${cal.dataUpdatedAt}`} year={year} data={data} />}</QueryState>
    </Space>
  );
}

function CalendarEditor({ year, data }: { year: number; data: CalendarYear }) {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const showErrors = useServerErrors();
  const initial = useMemo(() => marksOf(data), [data]);
  const [marks, setMarks] = useState<Marks>(initial);
  const [busy, setBusy] = useState(false);
  const [dayErrors, setDayErrors] = useState<Record<string, string>>({});
  const dirty = JSON.stringify(Object.entries(marks).sort()) !== JSON.stringify(Object.entries(initial).sort());
  const holidays = Object.values(marks).filter((m) => m.kind === 'holiday').length;
  const workdays = Object.values(marks).filter((m) => m.kind === 'workday').length;

  const toggle = (day: string) => {
    setMarks((prev) => {
      const next = { ...prev };
      const kind = nextKind(day, prev[day]?.kind);
      if (kind) next[day] = { kind, note: initial[day]?.kind === kind ? initial[day].note : kind === 'holiday' ? '法定节假日' : '调休上班' };
      else delete next[day];
      return next;
    });
    setDayErrors((e) => {
      if (!(day in e)) return e;
      const n = { ...e };
      delete n[day];
      return n;
    });
  };

  const save = async () => {
    const entries = Object.entries(marks).sort(([a], [b]) => a.localeCompare(b));
    const body = {
      holidays: entries.filter(([, m]) => m.kind === 'holiday').map(([day, m]) => ({ day, note: m.note })),
      workdays: entries.filter(([, m]) => m.kind === 'workday').map(([day, m]) => ({ day, note: m.note })),
    };
    setBusy(true);
    try {
      await api.put<CalendarYear>(`/calendar/${year}`, body);
      message.success(t('{y}年工作日历已保存', { y: year }));
      setDayErrors({});
      await qc.invalidateQueries({ queryKey: ['calendar', year] });
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details)) {
        // body.holidays.3.day → the day sent at that place.
        const errs: Record<string, string> = {};
        for (const d of e.details as FieldIssue[]) {
          const m = /(holidays|workdays)\.(\d+)/.exec(d.path);
          const day = (m ? body[m[1] as 'holidays' | 'workdays'][Number(m[2])]?.day : undefined) ?? /^\d{4}-\d{2}-\d{2}/.exec(d.message)?.[0];
          if (day) errs[day] = errs[day] && errs[day] !== d.message ? `${errs[day]}；${d.message}` : d.message;
        }
        setDayErrors(errs);
      }
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };

  const errorList = Object.entries(dayErrors).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'center', justifyContent: 'space-between' }}>
          <Space wrap size="middle">
            <Legend color={HOLIDAY} text={t('节假日（休）')} />
            <Legend color={WORKDAY} text={t('调休上班（班）')} />
            <Legend color={{ bg: WEEKEND.bg, border: '#d9d9d9', fg: WEEKEND.fg }} text={t('周末')} />
            <Typography.Text type="secondary">{t('点击日期切换：工作日 ↔ 节假日；周末 → 调休上班 → 节假日 → 周末')}</Typography.Text>
          </Space>
          <Space wrap>
            <Typography.Text type="secondary">{t('节假日 {h} 天，调休上班 {w} 天', { h: holidays, w: workdays })}</Typography.Text>
            <Button
              disabled={!dirty || busy}
              onClick={() =>
                modal.confirm({
                  title: t('放弃更改'),
                  content: t('放弃尚未保存的更改吗？'),
                  okText: t('放弃更改'),
                  cancelText: t('取消'),
                  onOk: () => {
                    setMarks(initial);
                    setDayErrors({});
                  },
                })
              }
            >
              {t('放弃更改')}
            </Button>
            <Button
              type="primary"
              disabled={!dirty}
              loading={busy}
              onClick={() =>
                modal.confirm({
                  title: t('保存工作日历'),
                  content: t('保存后，今后计算的期限将按新的{y}年日历；已确定的期限不变。', { y: year }),
                  okText: t('保存'),
                  cancelText: t('取消'),
                  onOk: save,
                })
              }
            >
              {t('保存日历')}
            </Button>
          </Space>
        </div>
      </Card>
      {errorList.length > 0 && (
        <Alert
          type="error"
          showIcon
          message={t('日历有误，未保存')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {errorList.map(([day, msg]) => (
                <li key={day}>
                  {formatDay(day, locale)}：{msg}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Row gutter={[12, 12]}>
        {Array.from({ length: 12 }, (_, m) => (
          <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
            <MonthGrid year={year} month={m} marks={marks} errors={dayErrors} initial={initial} onToggle={toggle} />
          </Col>
        ))}
      </Row>
    </Space>
  );
}

function Legend({ color, text }: { color: { bg: string; border: string; fg: string }; text: string }) {
  return (
    <Space size={4}>
      <span style={{ display: 'inline-block', width: 14, height: 14, background: color.bg, border: `1px solid ${color.border}`, borderRadius: 3 }} />
      <span>{text}</span>
    </Space>
  );
}

const WEEK_HEAD = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

function MonthGrid({
  year,
  month,
  marks,
  errors,
  initial,
  onToggle,
}: {
  year: number;
  month: number;
  marks: Marks;
  errors: Record<string, string>;
  initial: Marks;
  onToggle: (day: string) => void;
}) {
  const { t, locale } = useI18n();
  const first = dayjs(new Date(year, month, 1));
  const lead = (first.day() + 6) % 7; // Monday first
  const days = first.daysInMonth();
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, i) => first.date(i + 1).format('YYYY-MM-DD'))];
  while (cells.length % 7) cells.push(null);
  const title = locale === 'zh-CN' ? `${month + 1}月` : first.format('MMMM');
  return (
    <Card size="small" title={title} styles={{ body: { padding: 8 } }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 3 }}>
        {WEEK_HEAD.map((w, i) => (
          <div key={w} style={{ textAlign: 'center', fontSize: 12, color: i >= 5 ? WEEKEND.fg : '#595959' }}>
            {locale === 'zh-CN' ? w.slice(1) : t(w)}
          </div>
        ))}
        {cells.map((day, i) => {
          if (!day) return <div key={`e${i}`} />;
          const mark = marks[day];
          const weekend = isWeekend(day);
          const changed = (initial[day]?.kind ?? null) !== (mark?.kind ?? null);
          const err = errors[day];
          const c = mark?.kind === 'holiday' ? HOLIDAY : mark?.kind === 'workday' ? WORKDAY : null;
          const state = mark?.kind === 'holiday' ? t('节假日') : mark?.kind === 'workday' ? t('调休上班') : weekend ? t('周末') : t('工作日');
          const tip = [formatDay(day, locale), state, mark?.note, changed ? t('（未保存）') : null, err].filter(Boolean).join(' · ');
          return (
            <Tooltip key={day} title={tip} mouseEnterDelay={0.4}>
              <button
                type="button"
                // The name starts with what the button shows (「1休」), then says it in full (WCAG 2.5.3).
                aria-label={`${Number(day.slice(8))}${c ? (mark?.kind === 'holiday' ? t('休') : t('班')) : ''} ${formatDay(day, locale)} ${state}`}
                aria-pressed={!!mark}
                data-day={day}
                onClick={() => onToggle(day)}
                style={{
                  position: 'relative',
                  height: 34,
                  padding: 0,
                  cursor: 'pointer',
                  borderRadius: 4,
                  fontSize: 13,
                  lineHeight: 1.1,
                  background: c?.bg ?? (weekend ? WEEKEND.bg : '#fff'),
                  color: c?.fg ?? (weekend ? WEEKEND.fg : '#262626'),
                  border: err ? '2px solid #ff4d4f' : `1px ${changed ? 'dashed' : 'solid'} ${c?.border ?? '#f0f0f0'}`,
                  fontWeight: c ? 600 : 400,
                }}
              >
                {Number(day.slice(8))}
                {c && <div style={{ fontSize: 10 }}>{mark?.kind === 'holiday' ? t('休') : t('班')}</div>}
              </button>
            </Tooltip>
          );
        })}
      </div>
    </Card>
  );
}
