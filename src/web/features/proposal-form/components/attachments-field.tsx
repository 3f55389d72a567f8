import { useState } from 'react';
import { App, Button, Popconfirm, Tag, Typography, Upload } from 'antd';
import { CloseOutlined, DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../../lib/api.js';
import { useT } from '../../../lib/i18n.js';
import type { ProposalDetail } from '../../../../shared/schemas/proposal-reads.js';
import type { AttachmentInfo } from '../../../../shared/schemas/attachment.js';
import { PreviewButton } from '../../attachment-preview/components/attachment-preview.js';
import '../i18n.js';

// The same rule as the server (shared/schemas/attachment.ts), checked here first so that a wrong
// file is refused before it is read and sent. The server checks again, including the content.
const EXTENSIONS = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'jpeg', 'png', 'txt'];
const MAX_BYTES = 20 * 1024 * 1024;

/** Why a file cannot be attached (Chinese, for t()), or null. */
function checkFile(file: File): string | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase();
  if (!ext || !EXTENSIONS.includes(ext)) return '只允许上传 pdf、doc、docx、xls、xlsx、jpg、png、txt 格式的文件';
  if (file.size > MAX_BYTES) return '附件不能超过20MB';
  if (file.size === 0) return '文件内容不能为空';
  return null;
}


interface Props {
  id?: string;
  proposalId: number | null;
  status: ProposalDetail['status'] | null;
  attachments: ProposalDetail['attachments'];
  onChanged: () => void;
  /** Files picked before the draft exists, waiting to go up with its first save. */
  pending: File[];
  /** A file picked before the first save: the form saves the draft (when it can) and uploads it. */
  onAddBeforeSave: (file: File) => void;
  onRemovePending: (file: File) => void;
}

/** The proposal's files: picked at any time (before the first save they wait for the draft), deleted while it is still a draft. */
export function AttachmentsField({ id, proposalId, status, attachments, onChanged, pending, onAddBeforeSave, onRemovePending }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const files = attachments.filter((a) => a.purpose === 'proposal');

  const upload = async (file: File) => {
    setError(null);
    const refusal = checkFile(file);
    if (refusal) return setError(t(refusal));
    if (!proposalId) return onAddBeforeSave(file);
    setBusy(true);
    try {
      await api.upload<AttachmentInfo>(`/proposals/${proposalId}/attachments/upload`, file, file.name, { purpose: 'proposal' });
      message.success(t('附件已上传'));
      onChanged();
    } catch (e) {
      const fields = e instanceof ApiError ? Object.values(e.fieldErrors()) : [];
      setError(fields.length ? fields.join('；') : e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (attachmentId: number) => {
    try {
      await api.delete(`/proposals/${proposalId}/attachments/${attachmentId}`);
      message.success(t('附件已删除'));
      onChanged();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <div id={id}>
      <Upload
        multiple
        showUploadList={false}
        accept={EXTENSIONS.map((e) => `.${e}`).join(',')}
        beforeUpload={(file) => {
          void upload(file);
          return Upload.LIST_IGNORE;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy}>
          {t('上传附件')}
        </Button>
      </Upload>
      <div style={{ marginTop: 4 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('支持 pdf、doc、docx、xls、xlsx、jpg、png、txt，单个文件不超过20MB')}
        </Typography.Text>
      </div>
      {proposalId === null && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('尚未保存时添加的附件：案由、类别和正文已填写则自动保存草稿并上传，否则在保存草稿或提交时一并上传')}
          </Typography.Text>
        </div>
      )}
      {error && (
        <div role="alert" style={{ color: '#cf1322', marginTop: 4 }}>
          {error}
        </div>
      )}
      {(files.length > 0 || pending.length > 0) && (
        <ul style={{ listStyle: 'none', padding: 0, margin: '8px 0 0' }} aria-label={t('附件')}>
          {pending.map((f, i) => (
            <li key={`pending-${i}-${f.name}`} style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '4px 0', borderBottom: '1px solid #f0f0f0' }}>
              <span style={{ flex: 1, overflowWrap: 'anywhere' }}>
                <PaperClipOutlined /> {f.name} <Typography.Text type="secondary">({Math.max(1, Math.ceil(f.size / 1024))} KB)</Typography.Text>{' '}
                <Tag color="gold">{t('保存草稿时上传')}</Tag>
              </span>
              <Button size="small" type="text" icon={<CloseOutlined />} aria-label={`${t('移除')} ${f.name}`} onClick={() => onRemovePending(f)} />
            </li>
          ))}
          {proposalId !== null && files.map((a) => (
            <li key={a.id} style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '4px 0', borderBottom: '1px solid #f0f0f0' }}>
              <span style={{ flex: 1, overflowWrap: 'anywhere' }}>
                <PaperClipOutlined /> <a href={`/api/v1/proposals/${proposalId}/attachments/${a.id}`}>{a.fileName}</a>{' '}
                <Typography.Text type="secondary">({Math.max(1, Math.ceil(a.size / 1024))} KB)</Typography.Text>
              </span>
              <PreviewButton proposalId={proposalId} file={a} />
              {status === 'draft' && (
                <Popconfirm title={t('删除该附件？')} okText={t('删除')} cancelText={t('取消')} onConfirm={() => remove(a.id)}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t('删除')} ${a.fileName}`} />
                </Popconfirm>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
