import { Alert, Typography } from 'antd';
import { ApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';

// Small pieces of the import wizard: reading the chosen file, and the list of what stops an import.

export function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

/** The messages of a refused file, one per row ("第3行：序号应为2，实际为3"). */
export function issuesOf(e: unknown): string[] {
  if (!(e instanceof ApiError)) return [String(e)];
  const d = Array.isArray(e.details) ? (e.details as { message?: string }[]).map((x) => x.message ?? '').filter(Boolean) : [];
  return d.length ? d : [e.message];
}

/** What stops the import: the file's faulty rows, or the choices still owed in the preview. */
export function IssueList({ issues, fixInPreview }: { issues: { title: string; lines: string[] }; fixInPreview?: boolean }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      data-testid="import-errors"
      message={issues.title}
      description={
        <div>
          <Typography.Text>{fixInPreview ? t('请在上方补全后再导入，尚未导入任何内容。') : t('请修改文件后重新上传，未导入任何内容。')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            {issues.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        </div>
      }
    />
  );
}
