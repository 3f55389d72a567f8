import { App, Form, Input, Modal, Space, Typography } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useT } from '../../../lib/i18n.js';
import { ACTION_LABELS } from '../../../../shared/lifecycle.js';
import { useMemberAction } from './use-action.js';
import '../i18n.js';

/** 确认联名 / 拒绝联名: the invited co-proposer answers, with an optional comment. */
export function CosignForm({ proposal, action, onClose, onDone }: ActionFormProps) {
  const t = useT();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const { busy, run } = useMemberAction(proposal.id, onDone, onClose, form);
  const decline = action === 'decline_cosign';
  const lead = proposal.proposers.find((p) => p.position === 0);

  const send = (comment?: string) =>
    run('cosign', { decision: decline ? 'decline' : 'confirm', comment: comment?.trim() || undefined, version: proposal.version }, () =>
      decline ? t('已拒绝联名') : t('已确认联名'),
    );
  const finish = ({ comment }: { comment?: string }) => {
    if (!decline) return send(comment);
    modal.confirm({
      title: t('确认拒绝联名？'),
      content: t('拒绝后您将不在提案人之列；此操作不能撤销。'),
      okText: t(ACTION_LABELS.decline_cosign),
      okButtonProps: { danger: true },
      cancelText: t('取消'),
      onOk: () => send(comment),
    });
  };

  return (
    <Modal
      open
      title={t(ACTION_LABELS[action])}
      okText={t(ACTION_LABELS[action])}
      okButtonProps={{ danger: decline }}
      cancelText={t('取消')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{proposal.title}</Typography.Text>
        {lead && <Typography.Text>{t('{name} 邀请您作为联名人提出本提案。', { name: lead.name })}</Typography.Text>}
        <Typography.Text type="secondary">{decline ? t('拒绝后您将不在提案人之列；此操作不能撤销。') : t('确认后您将作为联名提案人，与第一提案人共同提出本提案。')}</Typography.Text>
        <Form form={form} layout="vertical" onFinish={finish} disabled={busy}>
          <Form.Item name="comment" label={t('意见')} rules={[{ max: 2000, message: '意见不能超过2000字' }]}>
            <Input.TextArea rows={3} placeholder={decline ? t('可说明拒绝理由（选填）') : t('可填写意见（选填）')} />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
