import { Alert, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { ApiError } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';
import { MAX_IMPORT_BYTES, type ImportSheet } from '../../shared/imports/layouts.js';

// Shared by the office's imports (rosters, past sessions): choosing the .xlsx, describing its
// layout, and listing the problems a file has, row by row.

export interface ChosenFile {
  name: string;
  base64: string;
}

function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

/** Drop zone for one .xlsx (at most 10 MB); wrong files are refused with a reason. */
export function XlsxUpload({ file, onFile, onRefused, testId }: { file: ChosenFile | null; onFile: (f: ChosenFile | null) => void; onRefused: (why: string) => void; testId?: string }) {
  const { t } = useI18n();
  return (
    <div data-testid={testId}>
    <Upload.Dragger
      accept=".xlsx"
      maxCount={1}
      fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
      onRemove={() => onFile(null)}
      beforeUpload={async (f) => {
        if (!/\.xlsx$/i.test(f.name)) {
          onRefused(t('只支持 .xlsx 格式的电子表格文件，请用模板填写'));
          return Upload.LIST_IGNORE;
        }
        if (f.size > MAX_IMPORT_BYTES) {
          onRefused(t('文件不能超过10MB'));
          return Upload.LIST_IGNORE;
        }
        onFile({ name: f.name, base64: await readBase64(f) });
        return false;
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t('点击或拖拽电子表格文件（.xlsx）到此处')}</p>
    </Upload.Dragger>
    </div>
  );
}

/** The columns of a sheet: header, whether it is required, what goes in it. */
export function LayoutTable({ sheet }: { sheet: ImportSheet }) {
  const { t } = useI18n();
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      scroll={{ x: 520 }}
      dataSource={sheet.columns}
      columns={[
        { title: t('列'), dataIndex: 'header', key: 'header', width: 120, render: (h: string, c) => (c.required ? <Typography.Text strong>{h}*</Typography.Text> : h) },
        { title: t('必填'), key: 'required', width: 64, render: (_: unknown, c) => (c.required ? <Tag color="red">{t('必填')}</Tag> : '') },
        { title: t('说明'), dataIndex: 'note', key: 'note' },
      ]}
    />
  );
}

/** The lines of a refusal: the server's row-numbered messages when it sent them. */
export function issueLines(e: unknown): string[] {
  if (!(e instanceof ApiError)) return [String(e)];
  const d = Array.isArray(e.details) ? (e.details as { message?: string }[]).map((x) => x.message ?? '').filter(Boolean) : [];
  return d.length ? d : [e.message];
}

export function IssueList({ title, lines, testId }: { title: string; lines: string[]; testId?: string }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      message={title}
      description={
        <div>
          <Typography.Text>{t('请修改文件后重新上传，未导入任何内容。')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingLeft: 20, maxHeight: 320, overflowY: 'auto' }}>
            {lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        </div>
      }
    />
  );
}
