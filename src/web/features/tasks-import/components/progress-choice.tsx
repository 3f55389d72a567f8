import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, App, Button, Card, DatePicker, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { TASK_STATUS_LABELS, TASK_STATUSES, type ImportPreview, type TaskList, type TaskPeriod, type TaskStatus } from '../../../../shared/schemas/tasks.js';

/** How the progress column is handled: into a period of the list, into one opened here, or not at all. */
export type ProgressChoice = 'period' | 'open' | 'skip';

interface Props {
  preview: ImportPreview;
  list: TaskList | undefined;
  periods: TaskPeriod[];
  choice: ProgressChoice | undefined;
  periodId: number | undefined;
  status: TaskStatus;
  /** Set when a choice is still owed at commit time. */
  error: string | undefined;
  onChoice: (c: ProgressChoice) => void;
  onPeriod: (id: number | undefined) => void;
  onStatus: (s: TaskStatus) => void;
  /** A period was opened here: the caller selects it and previews again. */
  onOpened: (p: TaskPeriod) => void;
}

// Shown as 2025年3月5日; typed either that way or as 2025-03-05.
const DATE_FORMATS = ['YYYY年M月D日', 'YYYY-MM-DD'];
const QUARTERS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };

/** A period matching the column's header: 一季度重点工作完成情况 → 一季度, January to March of the list's year. */
export function periodFromHeader(header: string | null, year: number) {
  const label = (header ?? '').replace(/(重点工作)?(完成情况|进展情况|推进情况|进展)$/, '').trim();
  const q = /^第?([一二三四])季度$/.exec(label);
  if (q) {
    const start = dayjs(`${year}-01-01`).add((QUARTERS[q[1]!]! - 1) * 3, 'month');
    const end = start.add(3, 'month').subtract(1, 'day');
    return { label, kind: 'quarter' as const, startDate: start, endDate: end, dueDate: end.add(10, 'day') };
  }
  const m = /^(?:\d{4}年)?(\d{1,2})月(?:份)?$/.exec(label);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) {
    const start = dayjs(`${year}-${String(m[1]).padStart(2, '0')}-01`);
    const end = start.endOf('month').startOf('day');
    return { label, kind: 'month' as const, startDate: start, endDate: end, dueDate: end.add(5, 'day') };
  }
  return { label, kind: 'quarter' as const, startDate: undefined, endDate: undefined, dueDate: undefined };
}

/**
 * 完成情况: the file's progress column and what the import does with it, said before committing —
 * which period it goes into and how many reports that makes, or that it is not imported and why.
 */
export function ProgressChoiceCard(p: Props) {
  const { t } = useI18n();
  const pr = p.preview.progress;
  const usable = p.periods.filter((x) => x.status !== 'published');
  const label = p.preview.progressLabel ?? t('完成情况');
  return (
    <Card size="small" title={t('完成情况（{n}条）', { n: p.preview.counts.withProgress })} data-testid="progress-choice">
      <Space direction="vertical" size="small" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t('文件中「{label}」列有{n}条完成情况。导入时须指定报告期，完成情况记为该期各牵头单位的已报送报告（待审核）；没有★的行，每个责任单位各记一份。', { label, n: p.preview.counts.withProgress })}
        </Typography.Text>
        <Radio.Group value={p.choice} onChange={(e) => p.onChoice(e.target.value as ProgressChoice)} aria-label={t('完成情况的处理')}>
          <Space direction="vertical">
            <Radio value="period" disabled={usable.length === 0}>
              {usable.length ? t('导入到已有报告期') : t('导入到已有报告期（本清单还没有可用的报告期）')}
            </Radio>
            <Radio value="open">{t('先开启报告期，再导入')}</Radio>
            <Radio value="skip">{t('不导入完成情况，只导入任务')}</Radio>
          </Space>
        </Radio.Group>
        {p.choice === 'period' && (
          <Space wrap>
            <Select
              aria-label={t('报告期')}
              data-testid="progress-period"
              placeholder={t('选择报告期')}
              style={{ width: 200 }}
              value={p.periodId}
              onChange={p.onPeriod}
              options={usable.map((x) => ({ value: x.id, label: x.label }))}
            />
            <span>{t('完成状态记为')}</span>
            <Select aria-label={t('完成状态')} style={{ width: 120 }} value={p.status} onChange={p.onStatus} options={TASK_STATUSES.map((x) => ({ value: x, label: t(TASK_STATUS_LABELS[x]) }))} />
          </Space>
        )}
        {p.choice === 'open' && p.list && <OpenPeriodForm list={p.list} header={p.preview.progressLabel} onOpened={p.onOpened} />}
        {p.error && <Alert type="error" showIcon message={p.error} data-testid="progress-choice-error" />}
        <ProgressOutcome preview={p.preview} choice={p.choice} />
        {pr.period && pr.import === 0 && pr.alreadyReported > 0 && <Typography.Text type="secondary">{t('各牵头单位在该期均已有报告，不会覆盖。')}</Typography.Text>}
      </Space>
    </Card>
  );
}

/** What the commit will do with the column, in numbers, as the server planned it. */
function ProgressOutcome({ preview, choice }: { preview: ImportPreview; choice: ProgressChoice | undefined }) {
  const { t } = useI18n();
  const pr = preview.progress;
  if (pr.period) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="progress-outcome"
        message={t('将导入{n}条完成情况到「{period}」，生成{r}份牵头单位报告', { n: pr.import, period: pr.period.label, r: pr.reports })}
        description={pr.alreadyReported ? t('另有{n}条对应的牵头单位已有该期报告，不覆盖。', { n: pr.alreadyReported }) : undefined}
      />
    );
  }
  return (
    <Alert
      type={choice === 'skip' ? 'info' : 'warning'}
      showIcon
      data-testid="progress-outcome"
      message={t('{n}条完成情况不会导入', { n: pr.notImported })}
      description={choice === 'skip' ? t('已选择不导入完成情况。') : pr.reason ? t(pr.reason) : undefined}
    />
  );
}

interface OpenValues {
  label: string;
  kind: 'quarter' | 'month';
  startDate: Dayjs;
  endDate: Dayjs;
  dueDate: Dayjs;
}

/** 开启报告期 inline, prefilled from the column's header (一季度 → the list year's first quarter). */
function OpenPeriodForm({ list, header, onOpened }: { list: TaskList; header: string | null; onOpened: (p: TaskPeriod) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<OpenValues>();
  const showErrors = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const day = (d: Dayjs) => d.format('YYYY-MM-DD');
      const p = await api.post<TaskPeriod>(`/task-lists/${list.id}/periods`, { label: v.label.trim(), kind: v.kind, startDate: day(v.startDate), endDate: day(v.endDate), dueDate: day(v.dueDate) });
      message.success(t('报告期「{label}」已开启', { label: p.label }));
      onOpened(p);
    } catch (e) {
      showErrors(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={periodFromHeader(header, list.year)} data-testid="import-open-period-form" style={{ maxWidth: 560 }}>
      <Space wrap align="start">
        <Form.Item name="label" label={t('报告期名称')} rules={[{ required: true, whitespace: true, message: t('请填写报告期名称') }, { max: 50, message: t('报告期名称不能超过50字') }]} style={{ width: 180 }}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="kind" label={t('类型')} rules={[{ required: true, message: t('请选择类型') }]}>
          <Radio.Group options={[{ value: 'quarter', label: t('季度') }, { value: 'month', label: t('月度') }]} />
        </Form.Item>
      </Space>
      <Space wrap align="start">
        <Form.Item name="startDate" label={t('开始日期')} rules={[{ required: true, message: t('请选择开始日期') }]}>
          <DatePicker format={DATE_FORMATS} />
        </Form.Item>
        <Form.Item
          name="endDate"
          label={t('结束日期')}
          dependencies={['startDate']}
          rules={[
            { required: true, message: t('请选择结束日期') },
            ({ getFieldValue }) => ({
              validator: async (_, v?: Dayjs) => {
                const s = getFieldValue('startDate') as Dayjs | undefined;
                if (v && s && v.isBefore(s, 'day')) throw new Error(t('结束日期不能早于开始日期'));
              },
            }),
          ]}
        >
          <DatePicker format={DATE_FORMATS} />
        </Form.Item>
        <Form.Item name="dueDate" label={t('报送截止日期')} rules={[{ required: true, message: t('请选择报送截止日期') }]}>
          <DatePicker format={DATE_FORMATS} />
        </Form.Item>
      </Space>
      <Button type="primary" ghost loading={saving} onClick={() => void submit().catch(() => undefined)} data-testid="open-period-here">
        {t('开启报告期')}
      </Button>
    </Form>
  );
}
