import { Alert, App, Button, Checkbox, Form, Input, Modal, Space, Timeline, Typography, type UploadFile } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { formatDay } from '../../../lib/format.js';
import { HandlingFiles, filesRule, uploadFiles } from './handling-files.js';
import '../i18n.js';

interface Values {
  body: string;
  completed?: boolean;
  files?: UploadFile[];
}

/** 报送落实情况: what was actually implemented; "all done" closes the proposal, so it is confirmed. */
export function FollowUpForm({ proposal: p, onClose, onDone }: ActionFormProps) {
  const { t, locale } = useKindI18n(p.kind);
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useActionRunner(p.id, form, onDone);
  const send = (v: Values) =>
    run(async () => {
      await uploadFiles(form, p.id, 'follow_up');
      await api.post(`/proposals/${p.id}/follow-ups`, { body: v.body, completed: !!v.completed, version: p.version });
    }, t('落实情况已报送'));
  const submit = (v: Values) => {
    if (!v.completed) return send(v);
    modal.confirm({ title: t('确认已全部落实'), content: t('报送后提案将办结，不可撤回。'), okText: t('报送'), cancelText: t('取消'), onOk: () => send(v) });
  };
  const reply = [...p.replies].sort((a, b) => b.sequence - a.sequence)[0];
  return (
    <Modal open title={t('报送落实情况')} onCancel={onClose} footer={null} width={680} destroyOnHidden>
      {reply && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${reply.resultClass}类 · ${reply.unitName} · ${formatDay(reply.replyDate, locale)}`}
          description={<Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ margin: 0 }}>{reply.body}</Typography.Paragraph>}
        />
      )}
      {p.followUps.length > 0 && (
        <>
          <Typography.Text type="secondary">{t('此前报送：')}</Typography.Text>
          <Timeline style={{ marginTop: 8 }} items={p.followUps.map((f) => ({ children: `${formatDay(f.createdAt, locale)} ${f.body}` }))} />
        </>
      )}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="body" label={t('落实情况')} rules={[{ required: true, whitespace: true, message: t('请填写落实情况') }, { max: 20000 }]}>
          <Input.TextArea rows={6} showCount maxLength={20000} />
        </Form.Item>
        <Form.Item name="completed" valuePropName="checked" extra={t('勾选后提案即办结，不再需要报送。')}>
          <Checkbox>{t('已全部落实')}</Checkbox>
        </Form.Item>
        <Form.Item name="files" label={t('落实材料')} valuePropName="value" rules={[filesRule(t)]}>
          <HandlingFiles />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('取消')}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('报送落实情况')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
