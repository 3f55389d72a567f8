import { useEffect, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { today } from '../../../lib/clock.js';
import { sessionOptionLabel } from '../../../lib/format.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { CATEGORIES, SUBMITTED_DURING, type Category, type SubmittedDuring } from '../../../../shared/domain.js';
import type { ProposalSummary } from '../../../../shared/schemas/proposal.js';
import { ProposerSelect, refOf, type ProposerKey } from './proposer-select.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';

interface SessionOption {
  id: number;
  name: string;
  kind: 'proposal' | 'suggestion';
  year: number;
  isCurrent: boolean;
}

interface Values {
  sessionId: number;
  proposer: ProposerKey;
  coProposers: { who?: ProposerKey; signed: boolean }[];
  title: string;
  category: Category;
  submittedDuring: SubmittedDuring;
  receivedOn: Dayjs;
  body: string;
}

/** Shown as 2026年11月16日; typed either way. */
const DATE_FORMATS = ['YYYY年M月D日', 'YYYY-MM-DD'];

/** Paragraphs of the typed-in text as the rich-text body the proposal page shows. */
const toHtml = (text: string) =>
  text
    .split(/\n{1,}/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`)
    .join('');

/**
 * 代录纸质提案 (提案委): a proposal handed in on paper, typed in by the committee in the proposer's
 * name. Co-proposers who signed the paper are recorded as signed (代录); the others are asked to
 * confirm online, or their paper signature is recorded later from the proposal page.
 */
export function PaperProposalPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const showErrors = useServerErrors(form);
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => api.get<SessionOption[]>('/sessions') });
  const current = useMemo(() => (sessions.data ?? []).filter((s) => s.isCurrent), [sessions.data]);
  const sessionId = Form.useWatch('sessionId', form);
  const lead = Form.useWatch('proposer', form);
  const co = Form.useWatch('coProposers', form) ?? [];
  const kind = current.find((s) => s.id === sessionId)?.kind ?? 'proposal';
  const chosen = [lead, ...co.map((c) => c?.who)].filter((x): x is string => !!x);

  useEffect(() => {
    document.title = t('代录纸质提案');
  }, [t]);
  useEffect(() => {
    if (!form.getFieldValue('sessionId') && current[0]) form.setFieldValue('sessionId', current.find((s) => s.kind === 'proposal')?.id ?? current[0].id);
  }, [current, form]);

  const submit = async (v: Values) => {
    try {
      const p = await api.post<ProposalSummary>('/proposals/paper', {
        sessionId: v.sessionId,
        proposer: refOf(v.proposer),
        coProposers: (v.coProposers ?? []).filter((c) => c.who).map((c) => ({ ...refOf(c.who!), signed: !!c.signed })),
        title: v.title.trim(),
        category: v.category,
        submittedDuring: v.submittedDuring,
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        body: toHtml(v.body),
      });
      message.success(p.status === 'submitted' ? t('已代录并提交审查') : t('已代录，等待联名人确认'));
      void qc.invalidateQueries({ queryKey: ['proposals'] });
      navigate(`/proposals/${p.id}`);
    } catch (e) {
      showErrors(e);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <PageTitle style={{ margin: 0 }}>
          {t('代录纸质提案')}
        </PageTitle>
        <Typography.Text type="secondary">{t('以提案人名义录入纸质提案，录入人记为代录人；提案人可在“我的提案”中查看和跟踪。')}</Typography.Text>
      </div>
      <Card>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ coProposers: [], submittedDuring: 'interim', category: undefined, receivedOn: today() }}
          style={{ maxWidth: 760 }}
          data-testid="paper-form"
        >
          <Form.Item name="sessionId" label={t('届次会议')} rules={[{ required: true, message: t('请选择届次会议') }]}>
            <Select
              loading={sessions.isLoading}
              options={current.map((s) => ({ value: s.id, label: sessionOptionLabel(s) }))}
              onChange={() => form.setFieldsValue({ proposer: undefined, coProposers: [] })}
            />
          </Form.Item>
          <Form.Item name="proposer" label={kind === 'suggestion' ? t('领衔代表') : t('提案人')} rules={[{ required: true, message: t('请选择提案人') }]} extra={t('纸质提案上署名的委员或团体；提案归其所有')}>
            <ProposerSelect kind={kind} withBodies={kind === 'proposal'} exclude={chosen} />
          </Form.Item>
          <Form.Item label={kind === 'suggestion' ? t('附议代表') : t('联名人')}>
            <Form.List name="coProposers">
              {(fields, { add, remove }) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {fields.map((f, i) => (
                    <div key={f.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', flexWrap: 'wrap' }}>
                      <div style={{ flex: '1 1 220px' }} data-testid={`co-proposer-${i + 1}`}>
                        <Form.Item name={[f.name, 'who']} style={{ margin: 0 }} rules={[{ required: true, message: t('请选择联名人') }]}>
                          <ProposerSelect kind={kind} withBodies={kind === 'proposal'} exclude={chosen} aria-label={t('联名人{n}', { n: i + 1 })} />
                        </Form.Item>
                      </div>
                      <Form.Item name={[f.name, 'signed']} valuePropName="checked" style={{ margin: 0, paddingTop: 4 }}>
                        <Checkbox>{t('已在纸质提案上签名')}</Checkbox>
                      </Form.Item>
                      <Button type="text" icon={<DeleteOutlined />} aria-label={t('移除联名人{n}', { n: i + 1 })} onClick={() => remove(f.name)} />
                    </div>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ signed: true })} disabled={fields.length >= 50}>
                    {t('添加联名人')}
                  </Button>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('已签名的联名人记为“纸质签名，代录”；未签名的将收到联名邀请，确认后提案才提交审查。')}
                  </Typography.Text>
                </Space>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item name="title" label={t('案由')} rules={[{ required: true, whitespace: true, message: t('请填写案由') }, { min: 5, message: t('案由至少5个字') }, { max: 200, message: t('案由不能超过200字') }]}>
            <Input maxLength={200} placeholder={t('关于……的建议')} />
          </Form.Item>
          <Space wrap size="large" align="start">
            <Form.Item name="category" label={t('类别')} rules={[{ required: true, message: t('请选择类别') }]} style={{ minWidth: 180 }}>
              <Select options={CATEGORIES.values.map((c) => ({ value: c, label: t(CATEGORIES.labels[c]) }))} />
            </Form.Item>
            <Form.Item name="submittedDuring" label={t('提出时间')}>
              <Radio.Group options={SUBMITTED_DURING.values.map((d) => ({ value: d, label: t(SUBMITTED_DURING.labels[d]) }))} />
            </Form.Item>
            <Form.Item name="receivedOn" label={t('收到日期')} rules={[{ required: true, message: t('请选择收到日期') }]}>
              <DatePicker format={DATE_FORMATS} disabledDate={(d) => d.isAfter(today(), 'day')} allowClear={false} style={{ width: 170 }} />
            </Form.Item>
          </Space>
          <Form.Item name="body" label={t('正文')} rules={[{ required: true, whitespace: true, message: t('请录入正文') }, { max: 50000, message: t('正文不能超过50000字') }]} extra={t('按纸质提案录入，段落之间换行')}>
            <Input.TextArea rows={10} showCount maxLength={50000} />
          </Form.Item>
          {chosen.length > 0 && co.some((c) => c && c.who && !c.signed) && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('有联名人尚未签名：提交后提案处于“待联名确认”，可在提案页“代录联名确认”。')} />
          )}
          <Space>
            <Button onClick={() => navigate(-1)}>{t('取消')}</Button>
            <Button type="primary" htmlType="submit">
              {t('代录提交')}
            </Button>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}
