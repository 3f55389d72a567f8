import { Alert, Button, Form, Input, Modal, Space } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import type { CoOpinionBody } from '../../../../shared/schemas/handling.js';
import { CO_REOPINION_WORKING_DAYS } from '../../../../shared/domain.js';
import { useMe } from '../../../app/auth.js';
import '../i18n.js';

/**
 * 会办意见: a co-unit's opinion, sent to the lead unit for its reply. It is taken whenever it
 * comes: after the reply it is kept and shown with the proposal; when the proposer has asked this
 * unit for a new opinion (round 2), the form says so.
 */
export function CoOpinionForm({ proposal: p, onClose, onDone }: ActionFormProps) {
  const { t } = useKindI18n(p.kind);
  const me = useMe();
  const [form] = Form.useForm<CoOpinionBody>();
  const { busy, run } = useActionRunner(p.id, form, onDone);
  const mine = p.assignments.find((a) => a.unitId === me.unitId && a.status !== 'removed');
  const afterReply = ['reply_review', 'replied', 'following_up', 'closed'].includes(p.status);
  return (
    <Modal open title={t('提交会办意见')} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('会办意见将送主办单位，作为其答复的参考。')} />
      {mine && mine.round > 1 && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('提案人请本单位重新提出会办意见（{days}个工作日内）。', { days: CO_REOPINION_WORKING_DAYS })} />}
      {afterReply && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('答复已发出，此意见将存档，并送主办单位和提案委。')} />}
      <Form form={form} layout="vertical" onFinish={(v) => run(() => api.post(`/proposals/${p.id}/co-opinions`, { body: v.body }), t('会办意见已提交'))}>
        <Form.Item name="body" label={t('会办意见')} rules={[{ required: true, whitespace: true, message: t('请填写会办意见') }, { max: 20000 }]}>
          <Input.TextArea rows={8} showCount maxLength={20000} />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('取消')}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('提交会办意见')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
