import { App, Button, Descriptions, Form, Modal, Space } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { AssignUnitsFields, describeUnits, unitsPayload, useUnits, type AssignUnitsValues } from '../../../components/assign-units-fields.js';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { proposalNo } from '../../../lib/format.js';
import { CATEGORIES } from '../../../../shared/domain.js';
import { LeadSuggestionHint } from './lead-suggestion.js';
import '../i18n-staff.js';

/** 交办 one proposal: 主办, 主办+会办 or 分办, confirmed once before it goes to the units. */
export function AssignForm({ proposal: p, onClose, onDone }: ActionFormProps) {
  const { t } = useKindI18n(p.kind);
  const { modal } = App.useApp();
  const [form] = Form.useForm<AssignUnitsValues>();
  const units = useUnits();
  const { busy, run } = useActionRunner(p.id, form, onDone);

  const submit = (v: AssignUnitsValues) => {
    const d = describeUnits(v, units.data);
    modal.confirm({
      title: t('确认交办'),
      content: (
        <div>
          <div>{p.title}</div>
          {d.lead && (
            <div>
              {t('主办单位')}：{d.lead}
            </div>
          )}
          {d.others.length > 0 && (
            <div>
              {v.mode === 'separate' ? t('分办单位') : t('会办单位')}：{d.others.join('、')}
            </div>
          )}
          <div style={{ marginTop: 8, color: 'rgba(0, 0, 0, 0.6)' }}>{t('交办后将通知承办单位签收，并开始计算办理期限。')}</div>
        </div>
      ),
      okText: t('确定'),
      cancelText: t('取消'),
      onOk: () => run(() => api.post(`/proposals/${p.id}/assign`, { ...unitsPayload(v), version: p.version }), t('已交办')),
    });
  };

  return (
    <Modal open title={t('交办')} onCancel={onClose} footer={null} width={640} destroyOnHidden maskClosable={false}>
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('案由')}>
          {proposalNo(p.number)} {p.title}
        </Descriptions.Item>
        <Descriptions.Item label={t('类别')}>{t(CATEGORIES.labels[p.category])}</Descriptions.Item>
        <Descriptions.Item label={t('提案人')}>{p.proposers.map((x) => x.name).join('、')}</Descriptions.Item>
      </Descriptions>
      <LeadSuggestionHint proposalId={p.id} kind={p.kind} form={form} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ mode: 'single' }}>
        <AssignUnitsFields form={form} />
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('取消')}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('确认交办')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
