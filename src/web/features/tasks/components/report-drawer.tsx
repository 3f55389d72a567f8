import { useRef, useState } from 'react';
import { App, Alert, Button, Descriptions, Drawer, Form, Input, InputNumber, Radio, Space, Typography, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatDay } from '../../../lib/format.js';
import { DownloadButton } from '../../../components/download-button.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { TASK_STATUS_LABELS, TASK_STATUSES, type TaskDetail, type TaskReport, type TaskStatus } from '../../../../shared/schemas/tasks.js';
import { ReportStateTag, TaskStatusTag } from './task-tags.js';

type Entry = TaskDetail['periods'][number];

interface Values {
  progress?: string;
  status?: TaskStatus | null;
  figures?: Record<string, number | null | undefined>;
  files?: UploadFile[];
}

// The server's attachment rule (shared/schemas/attachment.ts), checked first so a wrong file is refused before upload.
const EXTENSIONS = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'jpeg', 'png', 'txt'];
const MAX_BYTES = 20 * 1024 * 1024;


interface Props {
  task: TaskDetail;
  entry: Entry;
  isLead: boolean;
  report: TaskReport | null;
  onClose: () => void;
  onChanged: () => void;
}

/** 填报: the unit's own report for a period — progress, status, figures per target, files; draft or 报送. */
export function ReportDrawer({ task, entry, isLead, report, onClose, onChanged }: Props) {
  const { t, locale } = useI18n();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const showErrors = useServerErrors(form, onChanged);
  // The report as last saved: its version goes with the next write.
  const current = useRef<TaskReport | null>(report);
  if (report && (!current.current || report.version > current.current.version)) current.current = report;
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  // Progress and status are required only when sending: a draft may be incomplete.
  const sending = useRef(false);
  const editable = entry.period.status === 'open' && (!report || report.state === 'draft' || report.state === 'returned');

  const save = async (): Promise<TaskReport> => {
    const v = form.getFieldsValue(true) as Values;
    const figures = task.targets.flatMap((x) => {
      const value = v.figures?.[String(x.id)];
      return value === null || value === undefined ? [] : [{ targetId: x.id, value }];
    });
    const saved = await api.put<TaskReport>(`/tasks/${task.id}/periods/${entry.period.id}/report`, {
      progress: (v.progress ?? '').trim(),
      status: v.status ?? null,
      figures,
      version: current.current?.version,
    });
    current.current = saved;
    // Files go after the text: the report must exist first. Sent files are marked so a retry skips them.
    for (const f of (form.getFieldValue('files') as UploadFile[] | undefined) ?? []) {
      if (!f.originFileObj || f.status === 'done') continue;
      await api.upload(`/task-reports/${saved.id}/attachments/upload`, f.originFileObj, f.name);
      const now: UploadFile[] = form.getFieldValue('files') ?? [];
      form.setFieldValue('files', now.map((x) => (x.uid === f.uid ? { ...x, status: 'done' as const } : x)));
    }
    return saved;
  };

  const saveDraft = async () => {
    await form.validateFields(['progress', 'files']);
    setBusy('save');
    try {
      await save();
      message.success(t('草稿已保存'));
      form.setFieldValue('files', []);
      onChanged();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    sending.current = true;
    try {
      await form.validateFields();
    } finally {
      sending.current = false;
    }
    modal.confirm({
      title: t('确认报送「{label}」完成情况？', { label: entry.period.label }),
      content: t('报送后由督查室审核，审核前不能修改。'),
      okText: t('报送'),
      cancelText: t('取消'),
      onOk: async () => {
        setBusy('submit');
        try {
          const saved = await save();
          await api.post(`/task-reports/${saved.id}/submit`, { version: saved.version });
          message.success(t('已报送，等待督查室审核'));
          onChanged();
          onClose();
        } catch (e) {
          showErrors(e);
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const initial: Values = {
    progress: report?.progress ?? '',
    status: report?.status ?? undefined,
    figures: Object.fromEntries((report?.figures ?? []).map((f) => [String(f.targetId), f.value])),
    files: [],
  };
  const requiredWhenSending = (message: string) => ({
    validator: async (_: unknown, v: unknown) => {
      if (isLead && sending.current && (v === undefined || v === null || (typeof v === 'string' && v.trim() === ''))) throw new Error(message);
    },
  });

  return (
    <Drawer
      open
      width={Math.min(720, window.innerWidth)}
      title={t('填报「{label}」完成情况', { label: entry.period.label })}
      onClose={onClose}
      destroyOnHidden
      footer={
        editable && (
          <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
            <Button onClick={onClose}>{t('取消')}</Button>
            <Button onClick={() => void saveDraft()} loading={busy === 'save'} disabled={busy !== null} data-testid="save-draft">
              {t('保存草稿')}
            </Button>
            <Button type="primary" onClick={() => void submit().catch(() => undefined)} loading={busy === 'submit'} disabled={busy !== null} data-testid="submit-report">
              {t('报送')}
            </Button>
          </Space>
        )
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('任务')}>{task.text}</Descriptions.Item>
          <Descriptions.Item label={t('本单位')}>{isLead ? t('牵头单位') : t('配合单位（填报本单位承担部分）')}</Descriptions.Item>
          <Descriptions.Item label={t('报送截止')}>{formatDay(entry.period.dueDate, locale)}</Descriptions.Item>
          {report && (
            <Descriptions.Item label={t('状态')}>
              <Space>
                <ReportStateTag state={report.state} />
                {report.status && <TaskStatusTag status={report.status} />}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
        {report?.state === 'returned' && report.officeComment && (
          <Alert type="error" showIcon message={t('督查室退回意见')} description={report.officeComment} data-testid="office-comment" />
        )}
        {!editable && (
          <Alert
            type="info"
            showIcon
            message={entry.period.status !== 'open' ? t('报告期已截止，不能填报') : report?.state === 'accepted' ? t('已审核通过') : t('已报送，等待督查室审核')}
            description={report?.progress && <Typography.Paragraph style={{ whiteSpace: 'pre-line', margin: 0 }}>{report.progress}</Typography.Paragraph>}
          />
        )}
        {editable && (
          <Form form={form} layout="vertical" initialValues={initial} data-testid="report-form">
            <Form.Item
              name="progress"
              label={t('完成情况')}
              rules={[requiredWhenSending(t('请填写完成情况')), { max: 20000, message: t('完成情况不能超过20000字') }]}
              extra={t('写明本期做了什么、达到什么数字，如：1-3月全市完成固定资产投资115.01亿元，增长11.1%。')}
            >
              <Input.TextArea rows={8} maxLength={20000} showCount />
            </Form.Item>
            <Form.Item name="status" label={t('完成状态')} rules={[requiredWhenSending(t('请选择完成状态（已完成、序时推进、滞后、未启动）'))]}>
              <Radio.Group optionType="button" buttonStyle="solid" options={TASK_STATUSES.map((s) => ({ value: s, label: t(TASK_STATUS_LABELS[s]) }))} />
            </Form.Item>
            {task.targets.map((x) => (
              <Form.Item key={x.id} name={['figures', String(x.id)]} label={t('{label}（目标{value}{unit}）', { label: x.label, value: x.targetValue, unit: x.unit })}>
                <InputNumber style={{ width: 240 }} addonAfter={x.unit || undefined} placeholder={t('本期达到的数值')} aria-label={x.label} />
              </Form.Item>
            ))}
            {(report?.attachments.length ?? 0) > 0 && (
              <Form.Item label={t('已上传材料')}>
                <Space size={0} wrap>
                  {report!.attachments.map((a) => (
                    <DownloadButton key={a.id} type="link" size="small" icon={<PaperClipOutlined />} path={`/task-reports/${report!.id}/attachments/${a.id}`} fallbackName={a.fileName}>
                      {a.fileName}
                    </DownloadButton>
                  ))}
                </Space>
              </Form.Item>
            )}
            <Form.Item
              name="files"
              label={t('佐证材料')}
              valuePropName="fileList"
              getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
              extra={t('支持 pdf、doc、docx、xls、xlsx、jpg、png、txt，单个不超过20MB')}
              rules={[
                {
                  validator: async (_: unknown, files?: UploadFile[]) => {
                    for (const f of files ?? []) {
                      const ext = /\.([A-Za-z0-9]+)$/.exec(f.name)?.[1]?.toLowerCase();
                      if (!ext || !EXTENSIONS.includes(ext)) throw new Error(`${f.name}：${t('只允许上传 pdf、doc、docx、xls、xlsx、jpg、png、txt 格式的文件')}`);
                      if ((f.size ?? 0) > MAX_BYTES) throw new Error(`${f.name}：${t('附件不能超过20MB')}`);
                    }
                  },
                },
              ]}
            >
              <Upload multiple beforeUpload={() => false} accept={EXTENSIONS.map((e) => `.${e}`).join(',')}>
                <Button icon={<UploadOutlined />}>{t('选择文件')}</Button>
              </Upload>
            </Form.Item>
          </Form>
        )}
      </Space>
    </Drawer>
  );
}
