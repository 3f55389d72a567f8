import { App, Button, Descriptions, Form, Input, Modal, Space } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { formatDay, formatTime, proposalNo } from '../../../lib/format.js';
import '../i18n-office.js';

interface Values {
  message?: string;
}

/** 催办: a reminder to the units that still owe a reply, with an optional message; confirmed first. */
export function RemindForm({ proposal: p, onClose, onDone }: ActionFormProps) {
  const { t, locale } = useKindI18n(p.kind);
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useActionRunner(p.id, form, onDone);
  const repliedUnits = new Set(p.replies.filter((r) => r.sequence === p.replySequence).map((r) => r.unitId));
  const owing = p.assignments.filter((a) => a.status !== 'removed' && !((a.role === 'lead' || a.role === 'separate') && repliedUnits.has(a.unitId)));
  const lastReminded = p.assignments.map((a) => a.remindedAt).filter((x): x is string => !!x).sort().pop();

  const submit = (v: Values) => {
    modal.confirm({
      title: t('确认发送催办'),
      content: t('将通知尚未答复的承办单位：{units}', { units: owing.map((a) => a.unitName).join('、') || '—' }),
      okText: t('发送催办'),
      cancelText: t('取消'),
      onOk: () => run(() => api.post(`/proposals/${p.id}/remind`, { message: v.message || undefined }), t('已催办')),
    });
  };

  return (
    <Modal open title={t('催办')} onCancel={onClose} footer={null} width={560} destroyOnHidden>
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('案由')}>
          {proposalNo(p.number)} {p.title}
        </Descriptions.Item>
        <Descriptions.Item label={t('承办单位')}>{owing.map((a) => a.unitName).join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('办理期限')}>{formatDay(p.deadline, locale)}</Descriptions.Item>
        {lastReminded && <Descriptions.Item label={t('上次催办')}>{formatTime(lastReminded, locale)}</Descriptions.Item>}
      </Descriptions>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="message" label={t('催办内容')} extra={t('选填，将附在催办通知中')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} showCount maxLength={500} placeholder="如：请于本周内与提案人沟通并报送答复" />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('取消')}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('发送催办')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
