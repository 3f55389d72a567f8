import { App, Form, Input, Modal, Space, Typography } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useT } from '../../../lib/i18n.js';
import { useMemberAction } from './use-action.js';
import '../i18n.js';

/** 撤回: the lead proposer withdraws, with a reason, after a confirmation. */
export function WithdrawForm({ proposal, onClose, onDone }: ActionFormProps) {
  const t = useT();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, run } = useMemberAction(proposal.id, onDone, onClose, form);
  const finish = ({ reason }: { reason: string }) =>
    modal.confirm({
      title: t('确认撤回该提案？'),
      content: t('撤回后提案不再办理，且不能恢复。'),
      okText: t('确认撤回'),
      okButtonProps: { danger: true },
      cancelText: t('取消'),
      onOk: () => run('withdraw', { reason: reason.trim(), version: proposal.version }, () => t('提案已撤回')),
    });
  return (
    <Modal
      open
      title={t('撤回提案')}
      okText={t('撤回')}
      okButtonProps={{ danger: true }}
      cancelText={t('取消')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{proposal.title}</Typography.Text>
        <Typography.Text type="secondary">{t('撤回后提案不再办理，且不能恢复。')}</Typography.Text>
        <Form form={form} layout="vertical" onFinish={finish} disabled={busy}>
          <Form.Item
            name="reason"
            label={t('撤回理由')}
            rules={[
              { required: true, whitespace: true, message: t('请填写撤回理由') },
              { max: 2000, message: '撤回理由不能超过2000字' },
            ]}
          >
            <Input.TextArea rows={3} placeholder={t('请说明撤回理由')} />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
