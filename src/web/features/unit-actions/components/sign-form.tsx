import { Alert, Descriptions, Modal, Typography } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { formatDay, proposalNo } from '../../../lib/format.js';
import { useMe } from '../../../app/auth.js';
import { UNIT_ROLES } from '../../../../shared/domain.js';
import '../i18n.js';

/** 签收: the modal is the confirmation step; the lead unit's signature starts the handling. */
export function SignForm({ proposal: p, onClose, onDone }: ActionFormProps) {
  const { t, locale } = useKindI18n(p.kind);
  const me = useMe();
  const mine = p.assignments.find((a) => a.unitId === me.unitId && a.status !== 'removed');
  const { busy, run } = useActionRunner(p.id, undefined, onDone);
  return (
    <Modal
      open
      title={t('签收提案')}
      okText={t('确认签收')}
      cancelText={t('取消')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => run(() => api.post(`/proposals/${p.id}/sign`, { version: p.version }), t('已签收'))}
    >
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('案由')}>
          {proposalNo(p.number)} {p.title}
        </Descriptions.Item>
        {mine && <Descriptions.Item label={t('承办方式')}>{t(UNIT_ROLES.labels[mine.role])}</Descriptions.Item>}
        <Descriptions.Item label={t('办理期限')}>{formatDay(p.deadline, locale)}</Descriptions.Item>
      </Descriptions>
      <Alert type="info" showIcon message={t('签收后即开始办理，请在办理期限前答复。')} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('如认为不属于本单位职责，请取消并点击“申请调整”。')}
      </Typography.Paragraph>
    </Modal>
  );
}
