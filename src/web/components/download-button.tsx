import { useState, type ReactNode } from 'react';
import { App, Button, type ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { toQueryString } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';

type Query = Parameters<typeof toQueryString>[0];

/** The file name a server sent: filename*=UTF-8''… wins over the ASCII fallback filename="…". */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // A malformed encoding: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  return plain ? (plain[1] ?? plain[2]!).trim() : null;
}

/** Why a download failed, in the server's words ({code, message}) when it sent any. */
async function errorMessageOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: unknown };
    if (typeof body.message === 'string' && body.message) return body.message;
  } catch {
    // Not JSON (a proxy's page, say): the status is all there is.
  }
  return `下载失败（${res.status}）`;
}

/**
 * Downloads GET /api/v1<path> with the session cookie and saves it under the server's file name.
 * A plain <a download> would lose the server's Chinese message on 400/403/501, so the file is
 * fetched first and handed to the browser as an object URL; errors are thrown as Error(message).
 */
export async function downloadFile(path: string, query?: Query, fallbackName = 'download'): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${toQueryString(query)}`, { credentials: 'same-origin' });
  } catch {
    throw new Error('网络连接失败，请检查网络后重试');
  }
  if (!res.ok) throw new Error(await errorMessageOf(res));
  const name = fileNameFromDisposition(res.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the save in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

interface Props extends Omit<ButtonProps, 'onClick' | 'loading' | 'href'> {
  /** Under /api/v1, e.g. /replies/3/letter.docx */
  path: string;
  query?: Query;
  /** Used only when the server sends no Content-Disposition. */
  fallbackName?: string;
  children: ReactNode;
}

/** A button that downloads a file from the API, spins meanwhile and shows the server's message on failure. */
export function DownloadButton({ path, query, fallbackName, children, icon, ...rest }: Props) {
  const { message } = App.useApp();
  const { t } = useI18n();
  const [loading, setLoading] = useState(false);
  const run = async () => {
    setLoading(true);
    try {
      await downloadFile(path, query, fallbackName);
    } catch (e) {
      message.error(e instanceof Error ? e.message : t('下载失败'));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Button {...rest} icon={icon ?? <DownloadOutlined />} loading={loading} onClick={() => void run()}>
      {children}
    </Button>
  );
}
