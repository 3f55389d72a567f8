import { useQuery } from '@tanstack/react-query';
import { App, Button, Descriptions, Form, Input, Modal, Select, Space, Typography } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { proposalNo } from '../../../lib/format.js';
import '../i18n-staff.js';

interface Leader {
  id: number;
  name: string;
  title: string;
}
interface Values {
  leaderIds: number[];
  note?: string;
}

/**
 * 确定重点提案: the supervising leaders of a key proposal (submitting again replaces them). A key
 * proposal without supervision activities can be taken back (取消重点), after a confirm.
 */
export function KeyForm({ proposal: p, onClose, onDone }: ActionFormProps) {
  const { t } = useKindI18n(p.kind);
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useActionRunner(p.id, form, onDone);
  const leaders = useQuery({ queryKey: ['leaders'], queryFn: () => api.get<Leader[]>('/leaders'), staleTime: 5 * 60_000 });
  const canUnkey = p.isKey && p.supervisionActivities.length === 0;

  const submit = (v: Values) =>
    run(
      () => api.post(`/proposals/${p.id}/key`, { leaderIds: v.leaderIds ?? [], note: v.note?.trim() || undefined, version: p.version }),
      p.isKey ? t('督办领导已更新') : t('已确定为重点提案'),
    );

  const unkey = () =>
    modal.confirm({
      title: t('取消重点提案？'),
      content: t('「{title}」将不再作为重点提案，督办领导的指定一并取消。', { title: p.title }),
      okText: t('确定'),
      okButtonProps: { danger: true },
      cancelText: t('取消'),
      onOk: () => run(() => api.post(`/proposals/${p.id}/unkey`, { version: p.version }), t('已取消重点提案')),
    });

  return (
    <Modal open title={p.isKey ? t('调整督办领导') : t('确定重点提案')} onCancel={onClose} footer={null} width={600} destroyOnHidden>
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('案由')}>
          {proposalNo(p.number)} {p.title}
        </Descriptions.Item>
        <Descriptions.Item label={t('提案人')}>{p.proposers.map((x) => x.name).join('、')}</Descriptions.Item>
        {p.assignments.length > 0 && (
          <Descriptions.Item label={t('承办单位')}>
            {p.assignments.filter((a) => a.status !== 'removed').map((a) => a.unitName).join('、')}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ leaderIds: p.leaders.map((l) => l.leaderId) }}>
        <Form.Item
          name="leaderIds"
          label={t('督办领导')}
          extra={t('可选择多位领导共同督办；领导尚未确定的，可先确定为重点提案，之后再指定')}
        >
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            loading={leaders.isLoading}
            placeholder={t('督办领导待定')}
            options={(leaders.data ?? []).map((l) => ({ value: l.id, label: `${l.name}（${l.title}）` }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('说明')} extra={t('选填')} rules={[{ max: 2000, message: t('不能超过2000字') }]}>
          <Input.TextArea rows={2} showCount maxLength={2000} />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <span>
            {canUnkey && (
              <Button danger onClick={unkey} disabled={busy}>
                {t('取消重点')}
              </Button>
            )}
            {p.isKey && !canUnkey && <Typography.Text type="secondary">{t('已有督办活动记录，不能取消重点提案')}</Typography.Text>}
          </span>
          <Space>
            <Button onClick={onClose}>{t('取消')}</Button>
            <Button type="primary" htmlType="submit" loading={busy}>
              {p.isKey ? t('保存督办领导') : t('确认重点提案')}
            </Button>
          </Space>
        </Space>
      </Form>
    </Modal>
  );
}
