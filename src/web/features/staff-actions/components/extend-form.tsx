import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Descriptions, Form, Input, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { formatDay, proposalNo } from '../../../lib/format.js';
import '../i18n-office.js';

interface SessionInfo {
  id: number;
  replyMaxMonths: number;
}
interface Values {
  deadline: Dayjs;
  reason: string;
}

/**
 * 延期: a later deadline, at most replyMaxMonths (6) months after assignment. The server moves that
 * limit past a day off, so the picker allows a few days beyond it and the server has the last word.
 */
export function ExtendForm({ proposal: p, onClose, onDone }: ActionFormProps) {
  const { t, locale } = useKindI18n(p.kind);
  const [form] = Form.useForm<Values>();
  const { busy, run } = useActionRunner(p.id, form, onDone);
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => api.get<SessionInfo[]>('/sessions') });
  const maxMonths = sessions.data?.find((s) => s.id === p.session.id)?.replyMaxMonths ?? 6;
  const limit = p.assignedAt ? dayjs(p.assignedAt).add(maxMonths, 'month') : null;
  const current = p.deadline ? dayjs(p.deadline) : null;

  const submit = (v: Values) =>
    run(() => api.post(`/proposals/${p.id}/extend`, { deadline: v.deadline.format('YYYY-MM-DD'), reason: v.reason, version: p.version }), t('期限已延长'));

  return (
    <Modal open title={t('延长办理期限')} onCancel={onClose} footer={null} width={560} destroyOnHidden>
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('案由')}>
          {proposalNo(p.number)} {p.title}
        </Descriptions.Item>
        <Descriptions.Item label={t('交办日期')}>{formatDay(p.assignedAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('当前期限')}>{formatDay(p.deadline, locale)}</Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="deadline"
          label={t('新的办理期限')}
          extra={limit ? t('办理期限自交办之日起最长{n}个月（约{day}，遇节假日顺延）', { n: maxMonths, day: formatDay(limit.format('YYYY-MM-DD'), locale) }) : undefined}
          rules={[
            { required: true, message: t('请选择新的办理期限') },
            { validator: async (_r, v?: Dayjs) => { if (v && current && !v.isAfter(current, 'day')) throw new Error(t('新的期限须晚于当前期限')); } },
          ]}
        >
          <DatePicker
            style={{ width: 220 }}
            disabledDate={(d) => (current ? !d.isAfter(current, 'day') : false) || (limit ? d.isAfter(limit.add(10, 'day'), 'day') : false)}
            defaultPickerValue={current ?? undefined}
            presets={
              current
                ? [1, 2, 3]
                    .map((n) => ({ label: t('延长{n}个月', { n }), value: current.add(n, 'month') }))
                    .filter((x) => !limit || !x.value.isAfter(limit, 'day'))
                : []
            }
          />
        </Form.Item>
        <Form.Item name="reason" label={t('延期理由')} rules={[{ required: true, whitespace: true, message: t('请填写延期理由') }, { max: 2000 }]}>
          <Input.TextArea rows={3} showCount maxLength={2000} />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('取消')}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('确认延期')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
