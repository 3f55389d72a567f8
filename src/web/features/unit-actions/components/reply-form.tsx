import { useEffect, useRef } from 'react';
import { Alert, App, Button, Card, Col, Drawer, Form, Grid, Input, Radio, Row, Space, Tag, Typography, type UploadFile } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { formatDay, proposalNo } from '../../../lib/format.js';
import { useMe } from '../../../app/auth.js';
import { DISCLOSURES, RESULT_CLASSES, SATISFACTION, type ResultClass } from '../../../../shared/domain.js';
import { C_REASON_MIN, type ReplyBody } from '../../../../shared/schemas/handling.js';
import { HandlingFiles, filesRule, uploadFiles } from './handling-files.js';
import '../i18n.js';

type Values = Omit<ReplyBody, 'version'> & { files?: UploadFile[] };

// The full definitions of the result classes, as the reply letter states them.
const CLASS_TEXT: Record<ResultClass, { title: string; text: string; color: string }> = {
  A: { title: 'A类', text: '所提问题已经解决或基本解决，或建议已被采纳', color: 'green' },
  B: { title: 'B类', text: '正在解决或已列入计划逐步解决', color: 'blue' },
  C: { title: 'C类', text: '因条件限制等原因暂时不能解决，留作参考（须说明原因）', color: 'orange' },
};

const draftKey = (id: number, seq: number) => `duban.reply-draft.${id}.${seq}`;

/**
 * 答复: the reply letter in a wide drawer. The text is kept as a local draft while typing (a closed
 * drawer or a lost session does not lose it); submitting asks for confirmation because a signed-off
 * reply cannot be changed. Files are uploaded first: after the reply the unit may no longer add any.
 * Before the lead unit writes, it sees which co-units' opinions it still waits for (and until when);
 * the submit stays off while one is missing and its window is open. A reply returned by 答复审核
 * opens with its text and the reason.
 */
export function ReplyForm({ proposal: p, onClose, onDone }: ActionFormProps) {
  const { t, locale } = useKindI18n(p.kind);
  const me = useMe();
  const mine = p.assignments.find((a) => a.unitId === me.unitId && a.status !== 'removed');
  const isLead = mine?.role === 'lead';
  const waiting = isLead ? p.coOpinionStatus.filter((s) => s.waiting) : [];
  const returned = p.replies.find((r) => r.unitId === me.unitId && r.sequence === p.replySequence && r.status === 'returned');
  const { modal, message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const key = draftKey(p.id, p.replySequence + 1);
  const { busy, run } = useActionRunner(p.id, form, () => {
    localStorage.removeItem(key);
    onDone();
  });
  const resultClass = Form.useWatch('resultClass', form);
  const restored = useRef(false);

  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const raw = localStorage.getItem(key);
    if (!raw && returned) {
      // The returned letter, to be edited and sent again.
      form.setFieldsValue({
        resultClass: returned.resultClass,
        body: returned.body,
        disclosure: returned.disclosure,
        documentNo: returned.documentNo ?? undefined,
        contactPerson: returned.contactPerson ?? undefined,
        signerName: returned.signerName,
      });
      return;
    }
    if (!raw) return;
    try {
      form.setFieldsValue(JSON.parse(raw) as Partial<Values>);
      message.info(t('已恢复上次未提交的草稿'));
    } catch {
      localStorage.removeItem(key);
    }
  }, [form, key, message, t, returned]);

  const saveDraft = (_: unknown, all: Values) => {
    const { files: _files, ...rest } = all;
    localStorage.setItem(key, JSON.stringify(rest));
  };

  const lastEvaluation = p.status === 'rehandling' ? [...p.evaluations].sort((a, b) => b.sequence - a.sequence)[0] : undefined;

  const submit = (v: Values) => {
    modal.confirm({
      title: t('确认提交答复'),
      content: t('签发后不可修改。答复将送提案人测评。'),
      okText: t('提交答复'),
      cancelText: t('取消'),
      onOk: () =>
        run(async () => {
          await uploadFiles(form, p.id, 'reply');
          await api.post(`/proposals/${p.id}/replies`, {
            resultClass: v.resultClass,
            body: v.body,
            disclosure: v.disclosure,
            documentNo: v.documentNo || undefined,
            contactPerson: v.contactPerson || undefined,
            signerName: v.signerName,
            version: p.version,
          });
        }, t('答复已提交')),
    });
  };

  return (
    <Drawer
      open
      title={p.status === 'rehandling' ? t('重新办理答复（第{n}次答复）', { n: p.replySequence + 1 }) : t('答复提案')}
      width={screens.md ? 880 : '100%'}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Text type="secondary">{t('已自动保存草稿')}</Typography.Text>
          <Space>
            <Button onClick={onClose}>{t('取消')}</Button>
            <Button type="primary" loading={busy} disabled={waiting.length > 0} onClick={() => form.submit()}>
              {returned ? t('修改后重新提交') : t('提交答复')}
            </Button>
          </Space>
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <div>
          <Typography.Text strong>
            {proposalNo(p.number)} {p.title}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary">{t('办理期限：{day}', { day: formatDay(p.deadline, locale) })}</Typography.Text>
        </div>
        {waiting.length > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="co-opinion-waiting"
            message={t('尚有会办单位未提交会办意见，暂不能答复')}
            description={
              <Space direction="vertical" size={2}>
                {waiting.map((w) => (
                  <span key={w.unitId}>
                    {t('{unit}：会办期限至{day}', { unit: w.unitName, day: formatDay(w.windowEnds, locale) })}
                  </span>
                ))}
                <span>{t('可先撰写答复并保存草稿，待会办意见送达或期限届满后提交。')}</span>
              </Space>
            }
          />
        )}
        {isLead && waiting.length === 0 && p.coOpinionStatus.length > 0 && (
          <Alert
            type="success"
            showIcon
            message={t('会办意见')}
            description={
              <Space direction="vertical" size={2}>
                {p.coOpinionStatus.map((s) => (
                  <span key={s.unitId}>
                    {s.unitName}：{s.given ? t('已提交') : t('会办期限（{day}）已过，未提交', { day: formatDay(s.windowEnds, locale) })}
                  </span>
                ))}
              </Space>
            }
          />
        )}
        {returned && (
          <Alert type="warning" showIcon message={t('答复被退回修改')} description={`${t('退回理由：')}${returned.reviewComment ?? ''}`} />
        )}
        {lastEvaluation && (
          <Alert
            type="warning"
            showIcon
            message={`${t('提案人测评为不满意，意见：')}${lastEvaluation.comment ?? ''}`}
            description={`${t('办理态度')}：${t(SATISFACTION.labels[lastEvaluation.attitude])}；${t('办理结果')}：${t(SATISFACTION.labels[lastEvaluation.result])}`}
          />
        )}
        <Form form={form} layout="vertical" onFinish={submit} onValuesChange={saveDraft} initialValues={{ disclosure: 'public' }} scrollToFirstError>
          <Form.Item name="resultClass" label={t('答复类别')} rules={[{ required: true, message: t('请选择答复类别') }]}>
            <Radio.Group style={{ width: '100%' }}>
              <Row gutter={[12, 12]}>
                {RESULT_CLASSES.values.map((c) => (
                  <Col key={c} xs={24} md={8}>
                    <Card
                      size="small"
                      hoverable
                      onClick={() => {
                        form.setFieldValue('resultClass', c);
                        saveDraft(null, form.getFieldsValue(true) as Values);
                      }}
                      style={{ height: '100%', borderColor: resultClass === c ? '#b71c1c' : undefined, background: resultClass === c ? '#fff5f5' : undefined }}
                    >
                      <Radio value={c} aria-label={RESULT_CLASSES.labels[c]}>
                        <Tag color={CLASS_TEXT[c].color}>{t(CLASS_TEXT[c].title)}</Tag>
                      </Radio>
                      <div style={{ marginTop: 6 }}>{t(CLASS_TEXT[c].text)}</div>
                    </Card>
                  </Col>
                ))}
              </Row>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="body"
            label={t('答复内容')}
            extra={t('称呼和“您提出的《……》收悉，现答复如下”由答复函自动写出（含会办单位），请直接从正文写起。')}
            dependencies={['resultClass']}
            rules={[
              { required: true, whitespace: true, message: t('请填写答复内容') },
              { max: 50000 },
              ({ getFieldValue }) => ({
                validator: async (_r, v?: string) => {
                  if (getFieldValue('resultClass') === 'C' && (v ?? '').trim().length < C_REASON_MIN) throw new Error(t('C类答复须说明暂时不能解决的原因（不少于20字）'));
                },
              }),
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 14, maxRows: 30 }} showCount maxLength={50000} placeholder={t('从答复正文写起，如：一、基本情况……')} />
          </Form.Item>
          <Form.Item name="disclosure" label={t('公开属性')} rules={[{ required: true, message: t('请选择公开属性') }]}>
            <Radio.Group options={DISCLOSURES.values.map((d) => ({ value: d, label: t(DISCLOSURES.labels[d]) }))} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="documentNo" label={t('文号')} rules={[{ max: 100 }]}>
                <Input placeholder="如：平农函〔2025〕12号" maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contactPerson" label={t('联系人')} rules={[{ max: 100 }]}>
                <Input placeholder={t('联系人及电话，如：张明 0573-85012345')} maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="signerName" label={t('签发人')} rules={[{ required: true, whitespace: true, message: t('请填写签发人') }, { max: 50 }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="files" label={t('答复附件')} valuePropName="value" rules={[filesRule(t)]}>
            <HandlingFiles />
          </Form.Item>
        </Form>
      </Space>
    </Drawer>
  );
}
