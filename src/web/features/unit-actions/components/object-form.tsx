import { useQuery } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Form, Input, Modal, Space } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { formatDay } from '../../../lib/format.js';
import { useMe } from '../../../app/auth.js';
import type { ObjectBody } from '../../../../shared/schemas/handling.js';
import '../i18n.js';

interface SessionInfo {
  id: number;
  objectionWorkingDays: number;
}
interface UnitInfo {
  id: number;
  name: string;
  active: boolean;
}

/** 申请调整: the unit asks to be removed or replaced, with its reason, within the window. */
export function ObjectForm({ proposal: p, onClose, onDone }: ActionFormProps) {
  const { t, locale } = useKindI18n(p.kind);
  const me = useMe();
  const [form] = Form.useForm<ObjectBody>();
  const { busy, run } = useActionRunner(p.id, form, onDone);
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => api.get<SessionInfo[]>('/sessions') });
  const units = useQuery({ queryKey: ['units'], queryFn: () => api.get<UnitInfo[]>('/units') });
  const days = sessions.data?.find((s) => s.id === p.session.id)?.objectionWorkingDays ?? 5;
  const mine = p.assignments.find((a) => a.unitId === me.unitId && a.status !== 'removed');
  const unitOptions = (units.data ?? []).filter((u) => u.active && u.id !== me.unitId).map((u) => ({ value: u.name }));

  const submit = (v: ObjectBody) =>
    run(() => api.post(`/proposals/${p.id}/object`, { reason: v.reason, suggestedUnit: v.suggestedUnit || undefined, version: p.version }), t('已提交调整申请'));

  return (
    <Modal open title={t('申请调整承办单位')} onCancel={onClose} footer={null} width={560} destroyOnHidden>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={t('承办单位认为提案不属于本单位职责的，可在交办后{n}个工作日内申请调整（本单位于{day}收到交办），由政府办（督查室）或提案委审定。审定前仍须做好办理准备。', {
          n: days,
          day: formatDay(mine?.assignedAt, locale),
        })}
      />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('申请调整理由')} rules={[{ required: true, whitespace: true, message: t('请填写申请调整的理由') }, { max: 2000 }]}>
          <Input.TextArea rows={4} showCount maxLength={2000} />
        </Form.Item>
        <Form.Item name="suggestedUnit" label={t('建议承办单位')} extra={t('可填写建议改由哪个单位承办（选填）')} rules={[{ max: 100 }]}>
          <AutoComplete options={unitOptions} filterOption={(input, o) => String(o?.value ?? '').includes(input)} allowClear />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('取消')}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('提交申请')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
