import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatTime } from '../../../lib/format.js';
import { useMe } from '../../../app/auth.js';
import { DownloadButton } from '../../../components/download-button.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import type { TaskDetail, TaskReport } from '../../../../shared/schemas/tasks.js';
import { ReportStateTag, TaskStatusTag } from './task-tags.js';

type Entry = TaskDetail['periods'][number];

/** One period's reports: every unit's text, figures and files; 督查室 accepts or returns the submitted ones. */
export function PeriodReports({ task, entry, onChanged }: { task: TaskDetail; entry: Entry; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const { modal, message } = App.useApp();
  const showErrors = useServerErrors(undefined, onChanged);
  const [returning, setReturning] = useState<TaskReport | null>(null);
  const isOffice = me.roles.includes('office');
  const targetOf = (id: number) => task.targets.find((x) => x.id === id);

  const accept = (r: TaskReport) =>
    modal.confirm({
      title: t('确认通过「{unit}」的完成情况？', { unit: r.unitName }),
      content: t('通过后该报告不能再修改。'),
      okText: t('通过'),
      cancelText: t('取消'),
      onOk: async () => {
        try {
          await api.post(`/task-reports/${r.id}/review`, { decision: 'accept', version: r.version });
          message.success(t('已审核通过'));
          onChanged();
        } catch (e) {
          showErrors(e);
        }
      },
    });

  if (entry.reports.length === 0) return <Typography.Text type="secondary">{t('尚无单位填报')}</Typography.Text>;
  return (
    <>
      <Table<TaskReport>
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        dataSource={entry.reports}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('单位'),
            key: 'unit',
            width: 150,
            render: (_: unknown, r) => (
              <Space direction="vertical" size={0}>
                <span>{r.isLead ? `★${r.unitName}` : r.unitName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.isLead ? t('牵头') : t('配合')}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('状态'),
            key: 'state',
            width: 110,
            render: (_: unknown, r) => (
              <Space direction="vertical" size={2}>
                <ReportStateTag state={r.state} />
                {r.status && <TaskStatusTag status={r.status} />}
              </Space>
            ),
          },
          {
            title: t('完成情况'),
            key: 'progress',
            render: (_: unknown, r) => (
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-line' }} ellipsis={{ rows: 5, expandable: 'collapsible' }} data-testid="report-progress">
                  {r.progress || '—'}
                </Typography.Paragraph>
                {r.figures.length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.figures
                      .map((f) => {
                        const x = targetOf(f.targetId);
                        return x ? `${x.label}：${f.value}${x.unit}（${t('目标')}${x.targetValue}${x.unit}）` : '';
                      })
                      .filter(Boolean)
                      .join('；')}
                  </Typography.Text>
                )}
                {r.attachments.length > 0 && (
                  <Space size={0} wrap>
                    {r.attachments.map((a) => (
                      <DownloadButton key={a.id} type="link" size="small" icon={<PaperClipOutlined />} path={`/task-reports/${r.id}/attachments/${a.id}`} fallbackName={a.fileName}>
                        {a.fileName}
                      </DownloadButton>
                    ))}
                  </Space>
                )}
                {r.officeComment && (
                  <Typography.Text type={r.state === 'returned' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                    {t('督查室意见')}：{r.officeComment}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('报送时间'), key: 'submittedAt', width: 150, render: (_: unknown, r) => formatTime(r.submittedAt, locale) },
          ...(isOffice
            ? [
                {
                  title: t('审核'),
                  key: 'review',
                  width: 130,
                  render: (_: unknown, r: TaskReport) =>
                    r.state === 'submitted' && entry.period.status !== 'published' ? (
                      <Space size={4}>
                        <Button size="small" type="primary" onClick={() => accept(r)} data-testid="accept-report">
                          {t('通过')}
                        </Button>
                        <Button size="small" danger onClick={() => setReturning(r)} data-testid="return-report">
                          {t('退回')}
                        </Button>
                      </Space>
                    ) : (
                      formatTime(r.reviewedAt, locale)
                    ),
                },
              ]
            : []),
        ]}
      />
      {returning && (
        <ReturnModal
          report={returning}
          onClose={() => setReturning(null)}
          onDone={() => {
            setReturning(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}

/** 退回: the comment is required and reaches the unit with the notification. */
function ReturnModal({ report, onClose, onDone }: { report: TaskReport; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment: string }>();
  const showErrors = useServerErrors(form, onDone);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.post(`/task-reports/${report.id}/review`, { decision: 'return', comment: v.comment.trim(), version: report.version });
      message.success(t('已退回'));
      onDone();
    } catch (e) {
      showErrors(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('退回「{unit}」的完成情况', { unit: report.unitName })} okText={t('退回')} okButtonProps={{ danger: true }} cancelText={t('取消')} onOk={() => void submit()} confirmLoading={saving} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="comment" label={t('退回意见')} rules={[{ required: true, whitespace: true, message: t('退回时请填写退回意见') }, { max: 2000, message: t('意见不能超过2000字') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('请说明需要补充或修改的内容')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
