import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useI18n } from '../../../lib/i18n.js';
import '../i18n.js';
import './print.css';

/**
 * An A4 sheet with 返回 and 打印 above it. On paper (print.css) only the sheet is left: the app's
 * menu, header, demo banner and these buttons are hidden.
 */
export function PrintSheet({ children, testId }: { children: ReactNode; testId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div>
      <Space className="no-print" wrap style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('返回')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-button">
          {t('打印')}
        </Button>
      </Space>
      <article className="print-sheet" data-testid={testId}>
        {children}
      </article>
    </div>
  );
}

/** A two-column table row of the sheet: the label, then its value. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}
