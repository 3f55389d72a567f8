import { Button, Upload, type FormInstance, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { useT } from '../../../lib/i18n.js';
import type { AttachmentPurpose } from '../../../../shared/schemas/attachment.js';
import '../i18n.js';

// The server's rule (shared/schemas/attachment.ts), checked here first so a wrong file is refused
// before it is read; the server checks again, including the content.
const EXTENSIONS = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'jpeg', 'png', 'txt'];
const MAX_BYTES = 20 * 1024 * 1024;

/** A form field (value: UploadFile[]) that keeps the chosen files until the form is submitted. */
export function HandlingFiles({ id, value, onChange }: { id?: string; value?: UploadFile[]; onChange?: (v: UploadFile[]) => void }) {
  const t = useT();
  return (
    <Upload
      id={id}
      multiple
      fileList={value ?? []}
      accept={EXTENSIONS.map((e) => `.${e}`).join(',')}
      beforeUpload={() => false}
      onChange={({ fileList }) => onChange?.(fileList)}
    >
      <Button icon={<UploadOutlined />}>{t('选择文件')}</Button>
    </Upload>
  );
}

/** Validation rule for the field: type and size, in Chinese next to the field. */
export const filesRule = (t: (s: string) => string) => ({
  validator: async (_: unknown, files?: UploadFile[]) => {
    for (const f of files ?? []) {
      const ext = /\.([A-Za-z0-9]+)$/.exec(f.name)?.[1]?.toLowerCase();
      if (!ext || !EXTENSIONS.includes(ext)) throw new Error(`${f.name}：${t('只允许上传 pdf、doc、docx、xls、xlsx、jpg、png、txt 格式的文件')}`);
      if ((f.size ?? 0) > MAX_BYTES) throw new Error(`${f.name}：${t('附件不能超过20MB')}`);
      if (f.size === 0) throw new Error(`${f.name}：${t('文件内容不能为空')}`);
    }
  },
});


/**
 * Uploads the chosen files. Called BEFORE the action that changes the state (a reply moves the
 * proposal out of 办理中, after which the unit may no longer add files). Uploading does not
 * change the proposal's version.
 */
export async function uploadFiles(form: FormInstance, proposalId: number, purpose: AttachmentPurpose, field = 'files') {
  const files: UploadFile[] = form.getFieldValue(field) ?? [];
  for (const f of files) {
    // Already sent on an earlier try whose action then failed: not again.
    if (!f.originFileObj || f.status === 'done') continue;
    await api.upload(`/proposals/${proposalId}/attachments/upload`, f.originFileObj, f.name, { purpose });
    const now: UploadFile[] = form.getFieldValue(field) ?? [];
    form.setFieldValue(field, now.map((x) => (x.uid === f.uid ? { ...x, status: 'done' as const } : x)));
  }
}
