import { Alert, App, Button, Descriptions, Modal, Space, Tag } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { StatusTag } from '../../../components/status-tag.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { formatTime, proposalNo } from '../../../lib/format.js';
import { DISCLOSURES, RESULT_CLASSES } from '../../../../shared/domain.js';
import '../i18n-staff.js';

/**
 * 公开: put a handled proposal and its reply on the public portal, or take it back. Shows how the
 * lead unit marked its reply (公开 / 不公开 / 依申请公开) and asks before either step.
 */
export function PublishForm({ proposal: p, onClose, onDone }: ActionFormProps) {
  const { t, locale } = useKindI18n(p.kind);
  const { modal } = App.useApp();
  const { busy, run } = useActionRunner(p.id, undefined, onDone);
  const leadReplies = p.replies.filter((r) => r.isLead || p.assignmentMode === 'separate');
  const latest = leadReplies.filter((r) => r.sequence === Math.max(...leadReplies.map((x) => x.sequence)));
  const notPublic = latest.some((r) => r.disclosure === 'private');
  const target = !p.published;

  const confirm = () =>
    modal.confirm({
      title: target ? t('确认在公众平台公开此提案？') : t('确认撤回公开？'),
      content: target
        ? notPublic
          ? t('承办单位将答复标注为“不公开”，请确认已征得同意后再公开。')
          : t('提案及答复将在公众平台上可见。')
        : t('公众将无法再在公众平台看到此提案。'),
      okText: t('确定'),
      okButtonProps: { danger: !target || notPublic },
      cancelText: t('取消'),
      onOk: () => run(() => api.post(`/proposals/${p.id}/publish`, { published: target, version: p.version }), target ? t('已公开') : t('已撤回公开')),
    });

  return (
    <Modal open title={t('公开')} onCancel={onClose} footer={null} width={600} destroyOnHidden>
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('案由')}>
          {proposalNo(p.number)} {p.title}
        </Descriptions.Item>
        <Descriptions.Item label={t('状态')}>
          <StatusTag status={p.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('答复公开属性')}>
          {latest.length ? (
            <Space size={4} wrap>
              {latest.map((r) => (
                <Tag key={r.id} color={r.disclosure === 'public' ? 'green' : r.disclosure === 'private' ? 'red' : 'gold'}>
                  {latest.length > 1 ? `${r.unitName}：` : ''}
                  {t(DISCLOSURES.labels[r.disclosure])}
                </Tag>
              ))}
            </Space>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        {latest[0] && <Descriptions.Item label={t('办理结果')}>{t(RESULT_CLASSES.labels[latest[0].resultClass])}</Descriptions.Item>}
        <Descriptions.Item label={t('公开状态')}>
          {p.published ? (
            <Tag color="green">
              {t('已公开')} {formatTime(p.publishedAt, locale)}
            </Tag>
          ) : (
            <Tag>{t('未公开')}</Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
      {target && notPublic && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('承办单位将答复标注为“不公开”')} />}
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onClose}>{t('取消')}</Button>
        <Button type="primary" danger={!target} loading={busy} onClick={confirm}>
          {target ? t('确认公开') : t('撤回公开')}
        </Button>
      </Space>
    </Modal>
  );
}
