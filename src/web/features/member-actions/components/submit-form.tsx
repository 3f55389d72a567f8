import { Modal, Space, Tag, Typography } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useT } from '../../../lib/i18n.js';
import { useMemberAction } from './use-action.js';
import '../i18n.js';

/** 提交: a confirmation that says who will be asked to co-sign. */
export function SubmitForm({ proposal, onClose, onDone }: ActionFormProps) {
  const t = useT();
  const { busy, run } = useMemberAction(proposal.id, onDone, onClose);
  const co = proposal.proposers.filter((p) => p.position > 0 && p.confirmation !== 'declined');
  return (
    <Modal
      open
      title={t('提交提案')}
      okText={t('提交')}
      cancelText={t('取消')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => run('submit', { version: proposal.version }, (r) => (r.status === 'pending_cosign' ? t('提案已提交，等待联名人确认') : t('提案已提交')))}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{proposal.title}</Typography.Text>
        {co.length ? (
          <>
            <Typography.Text>{t('提交后，以下联名人将收到邀请并逐一确认；全部答复后提案进入审查：')}</Typography.Text>
            <Space wrap>
              {co.map((p) => (
                <Tag key={p.position} color={p.confirmation === 'confirmed' ? 'green' : 'gold'}>
                  {p.name}
                </Tag>
              ))}
            </Space>
          </>
        ) : (
          <Typography.Text>{t('本提案没有联名人，提交后直接进入提案委员会审查。')}</Typography.Text>
        )}
        <Typography.Text type="secondary">{t('提交后不能再修改，除非被退回修改。')}</Typography.Text>
      </Space>
    </Modal>
  );
}
