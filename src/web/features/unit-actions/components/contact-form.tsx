import { Alert, Button, DatePicker, Form, Input, Modal, Radio, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import type { UploadFile } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { CONTACT_METHODS } from '../../../../shared/domain.js';
import type { ContactBody } from '../../../../shared/schemas/handling.js';
import { HandlingFiles, filesRule, uploadFiles } from './handling-files.js';
import '../i18n.js';
import { today } from '../../../lib/clock.js';

type Values = Omit<ContactBody, 'contactDate'> & { contactDate: Dayjs; files?: UploadFile[] };

/** 登记沟通: how and when the unit talked with the proposer before answering. */
export function ContactForm({ proposal: p, onClose, onDone }: ActionFormProps) {
  const { t } = useKindI18n(p.kind);
  const [form] = Form.useForm<Values>();
  const { busy, run } = useActionRunner(p.id, form, onDone);
  const submit = (v: Values) =>
    run(async () => {
      await uploadFiles(form, p.id, 'handling');
      await api.post(`/proposals/${p.id}/contacts`, {
        method: v.method,
        contactDate: v.contactDate.format('YYYY-MM-DD'),
        participants: v.participants,
        summary: v.summary,
      });
    }, t('沟通记录已保存'));

  return (
    <Modal open title={t('登记与提案人的沟通')} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('答复前须与提案人沟通；面商（当面商谈）计入见面率。')} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ contactDate: today() }}>
        <Form.Item name="method" label={t('沟通方式')} rules={[{ required: true, message: t('请选择沟通方式') }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={CONTACT_METHODS.values.map((m) => ({ value: m, label: t(CONTACT_METHODS.labels[m]) }))} />
        </Form.Item>
        <Form.Item
          name="contactDate"
          label={t('沟通日期')}
          rules={[
            { required: true, message: t('请选择沟通日期') },
            { validator: async (_r, v?: Dayjs) => { if (v && v.isAfter(today(), 'day')) throw new Error(t('沟通日期不能晚于今天')); } },
          ]}
        >
          <DatePicker style={{ width: 200 }} disabledDate={(d) => d.isAfter(today(), 'day')} />
        </Form.Item>
        <Form.Item name="participants" label={t('参加人员')} rules={[{ required: true, whitespace: true, message: t('请填写参加人员') }, { max: 500 }]}>
          <Input placeholder="如：提案人王建国委员，市农业农村局副局长李明、农田水利科张华" maxLength={500} />
        </Form.Item>
        <Form.Item name="summary" label={t('沟通情况')} rules={[{ required: true, whitespace: true, message: t('请填写沟通情况') }, { max: 5000 }]}>
          <Input.TextArea rows={5} showCount maxLength={5000} />
        </Form.Item>
        <Form.Item name="files" label={t('办理材料')} valuePropName="value" rules={[filesRule(t)]}>
          <HandlingFiles />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('取消')}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('保存沟通记录')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
