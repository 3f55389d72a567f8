import { Alert, Button, Descriptions, Form, Input, Modal, Radio, Space } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { proposalNo } from '../../../lib/format.js';
import '../i18n-office-work.js';

interface Values {
  who: string;
  note?: string;
}

/**
 * 代录联名确认: a co-proposer signed on paper (a form handed in at the office, a signature at a
 * meeting); staff record it in their name. The last signature sends the proposal to review.
 */
export function RecordCosignForm({ proposal: p, onClose, onDone }: ActionFormProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useActionRunner(p.id, form, onDone);
  const pending = p.proposers.filter((x) => x.position > 0 && x.confirmation === 'pending');
  const key = (x: (typeof pending)[number]) => (x.memberId ? `m${x.memberId}` : `b${x.bodyId}`);

  const submit = (v: Values) =>
    run(
      () =>
        api.post(`/proposals/${p.id}/cosign/record`, {
          ...(v.who.startsWith('m') ? { memberId: Number(v.who.slice(1)) } : { bodyId: Number(v.who.slice(1)) }),
          note: v.note?.trim() || undefined,
          version: p.version,
        }),
      t('已代录联名签名'),
    );

  return (
    <Modal open title={t('代录联名确认')} onCancel={onClose} footer={null} width={560} destroyOnHidden>
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('案由')}>
          {proposalNo(p.number)} {p.title}
        </Descriptions.Item>
        <Descriptions.Item label={t('第一提案人')}>{p.proposers.find((x) => x.position === 0)?.name ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('联名人已在纸质提案或联名表上签名时，由提案委代为登记；登记后视同本人确认联名，并记录代录人。')} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ who: pending[0] ? key(pending[0]) : undefined }}>
        <Form.Item name="who" label={t('已签名的联名人')} rules={[{ required: true, message: t('请选择已签名的联名人') }]}>
          <Radio.Group options={pending.map((x) => ({ value: key(x), label: x.name }))} />
        </Form.Item>
        <Form.Item name="note" label={t('说明')} extra={t('选填，如纸质联名表的存档情况')} rules={[{ max: 500, message: t('说明不能超过500字') }]}>
          <Input.TextArea rows={2} showCount maxLength={500} />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('取消')}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('确认代录')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
