import { useState } from 'react';
import { Button, Modal, Result, Space } from 'antd';
import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n.js';
import { isPreviewable } from '../../../../shared/schemas/attachment.js';
import '../i18n.js';

// 预览: an image or a PDF shown in the page from the server's preview route, which answers those
// types inline under a policy that runs nothing (src/server/http/send-attachment.ts). A PDF is
// framed (<iframe>, allowed by the page's frame-src 'self'), never an <object>: plugins stay off.

export interface PreviewFile {
  id: number;
  fileName: string;
  mimeType: string;
}

/** The download and preview addresses of a proposal attachment. */
export const attachmentUrls = (proposalId: number, attachmentId: number) => ({
  download: `/api/v1/proposals/${proposalId}/attachments/${attachmentId}`,
  preview: `/api/v1/proposals/${proposalId}/attachments/${attachmentId}/preview`,
});

/** A 预览 button beside a file name, opening the preview modal. */
export function PreviewButton({ proposalId, file, size = 'small' }: { proposalId: number; file: PreviewFile; size?: 'small' | 'middle' }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="link" size={size} icon={<EyeOutlined />} onClick={() => setOpen(true)} aria-label={t('预览 {name}', { name: file.fileName })} style={{ paddingInline: 4 }}>
        {t('预览')}
      </Button>
      {open && <PreviewModal proposalId={proposalId} file={file} onClose={() => setOpen(false)} />}
    </>
  );
}

export function PreviewModal({ proposalId, file, onClose }: { proposalId: number; file: PreviewFile; onClose: () => void }) {
  const t = useT();
  const urls = attachmentUrls(proposalId, file.id);
  const [failed, setFailed] = useState(false);
  const mime = file.mimeType.split(';')[0]!.trim().toLowerCase();
  const previewable = isPreviewable(mime) && !failed;
  return (
    <Modal
      open
      title={file.fileName}
      onCancel={onClose}
      width={mime === 'application/pdf' ? 960 : 800}
      centered
      destroyOnHidden
      footer={
        <Space>
          <Button href={urls.download} icon={<DownloadOutlined />}>
            {t('下载')}
          </Button>
          <Button type="primary" onClick={onClose}>
            {t('关闭')}
          </Button>
        </Space>
      }
    >
      <div data-testid="attachment-preview" data-kind={previewable ? (mime === 'application/pdf' ? 'pdf' : 'image') : 'none'}>
        {!previewable ? (
          <Result status="info" title={failed ? t('预览加载失败，请下载查看') : t('该类型不支持预览，请下载')} />
        ) : mime === 'application/pdf' ? (
          <iframe src={urls.preview} title={file.fileName} style={{ width: '100%', height: '70vh', border: '1px solid #f0f0f0' }} />
        ) : (
          <div style={{ textAlign: 'center', background: '#fafafa' }}>
            <img src={urls.preview} alt={file.fileName} onError={() => setFailed(true)} style={{ maxWidth: '100%', maxHeight: '70vh', objectFit: 'contain' }} />
          </div>
        )}
      </div>
    </Modal>
  );
}
