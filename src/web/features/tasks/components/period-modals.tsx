import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { App, DatePicker, Form, Input, Modal, Radio, Result, Select, Table } from 'antd';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatDay } from '../../../lib/format.js';
import { useUnits } from '../../../components/assign-units-fields.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import type { TaskList, TaskPeriod } from '../../../../shared/schemas/tasks.js';

// Shown as 2025年3月5日; typed either that way or as 2025-03-05.
const DATE_FORMATS = ['YYYY年M月D日', 'YYYY-MM-DD'];
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

interface OpenValues {
  label: string;
  kind: 'quarter' | 'month';
  startDate: Dayjs;
  endDate: Dayjs;
  dueDate: Dayjs;
}

/** 开启报告期: name, kind, dates and the due date; the lead units are notified. */
export function OpenPeriodModal({ list, onClose, onDone }: { list: TaskList; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<OpenValues>();
  const showErrors = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.post(`/task-lists/${list.id}/periods`, { label: v.label.trim(), kind: v.kind, startDate: day(v.startDate), endDate: day(v.endDate), dueDate: day(v.dueDate) });
      message.success(t('报告期已开启，已通知牵头单位填报'));
      onDone();
    } catch (e) {
      showErrors(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('开启报告期')} okText={t('开启')} cancelText={t('取消')} onOk={() => void submit()} confirmLoading={saving} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'quarter' }} data-testid="open-period-form">
        <Form.Item name="label" label={t('报告期名称')} rules={[{ required: true, whitespace: true, message: t('请填写报告期名称') }, { max: 50, message: t('报告期名称不能超过50字') }]} extra={t('如：一季度、2026年11月')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="kind" label={t('类型')} rules={[{ required: true, message: t('请选择类型') }]}>
          <Radio.Group options={[{ value: 'quarter', label: t('季度') }, { value: 'month', label: t('月度') }]} />
        </Form.Item>
        <Form.Item name="startDate" label={t('开始日期')} rules={[{ required: true, message: t('请选择开始日期') }]}>
          <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
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
          <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="dueDate" label={t('报送截止日期')} rules={[{ required: true, message: t('请选择报送截止日期') }]}>
          <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 调整截止日期: the reminders already sent are cleared, so units are reminded again. */
export function DueDateModal({ period, onClose, onDone, onReload }: { period: TaskPeriod; onClose: () => void; onDone: () => void; onReload: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ dueDate: Dayjs }>();
  const showErrors = useServerErrors(form, onReload);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.patch(`/task-periods/${period.id}`, { dueDate: day(v.dueDate), version: period.version });
      message.success(t('截止日期已调整为{day}', { day: formatDay(day(v.dueDate), locale) }));
      onDone();
    } catch (e) {
      showErrors(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('调整「{label}」报送截止日期', { label: period.label })} okText={t('保存')} cancelText={t('取消')} onOk={() => void submit()} confirmLoading={saving} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ dueDate: dayjs(period.dueDate) }}>
        <Form.Item name="dueDate" label={t('报送截止日期')} rules={[{ required: true, message: t('请选择报送截止日期') }]}>
          <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RemindOut {
  units: { unitId: number; name: string; tasks: number }[];
  notified: number;
}

/** 催办: every lead unit that still owes its report, or only the units chosen. */
export function RemindModal({ period, onClose }: { period: TaskPeriod; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ unitIds?: number[]; message?: string }>();
  const showErrors = useServerErrors(form);
  const units = useUnits();
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<RemindOut | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      setDone(await api.post<RemindOut>(`/task-periods/${period.id}/remind`, { unitIds: v.unitIds?.length ? v.unitIds : undefined, message: v.message?.trim() || undefined }));
    } catch (e) {
      showErrors(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('催办「{label}」', { label: period.label })}
      okText={done ? t('关闭') : t('发送催办')}
      cancelText={t('取消')}
      cancelButtonProps={{ style: done ? { display: 'none' } : undefined }}
      onOk={() => (done ? onClose() : void submit())}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      {done ? (
        <Result
          status={done.units.length ? 'success' : 'info'}
          title={done.units.length ? t('已催办{n}个单位', { n: done.units.length }) : t('没有需要催办的单位')}
          extra={
            done.units.length > 0 && (
              <Table rowKey="unitId" size="small" pagination={false} dataSource={done.units} columns={[{ title: t('单位'), dataIndex: 'name' }, { title: t('未报送任务'), dataIndex: 'tasks', align: 'right' }]} />
            )
          }
        />
      ) : (
        <Form form={form} layout="vertical">
          <Form.Item name="unitIds" label={t('催办单位')} extra={t('不选则催办所有尚未报送的牵头单位')}>
            <Select mode="multiple" allowClear showSearch optionFilterProp="label" loading={units.isLoading} options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="message" label={t('催办说明')} rules={[{ max: 500, message: t('催办说明不能超过500字') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('如：请于本周五前报送')} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
