import { useState } from 'react';
import { Alert, Button, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatTime } from '../../../lib/format.js';
import type { AuditVerifyOut } from '../../../../shared/schemas/admin.js';
import '../i18n.js';

/** 「校验日志完整性」: the server recomputes the HMAC-SM3 chain and names the first row that fails. */
export function VerifyChain() {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerifyOut | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.post<AuditVerifyOut>('/audit/verify'));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size="small" style={{ maxWidth: 640 }}>
      <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void run()} data-testid="verify-chain">
        {t('校验日志完整性')}
      </Button>
      {error && <Alert type="error" showIcon message={error} />}
      {result && (
        <Alert
          data-testid="verify-result"
          type={result.ok ? 'success' : 'error'}
          showIcon
          message={result.ok ? t('日志完整：全部记录校验通过') : t('发现被篡改的记录')}
          description={
            <Space direction="vertical" size={2}>
              {result.chains.map((c) => (
                <Typography.Text key={c.chain}>
                  {c.chain === 0 ? t('平台链') : t('本单位链')}：{t('校验{n}条', { n: c.checked })}
                  {c.archivedSeq > 0 ? `，${t('前{n}条已归档', { n: c.archivedSeq })}` : ''}
                  {c.firstBad ? `。${c.firstBad.message}${c.firstBad.at ? `（${formatTime(c.firstBad.at, locale)}）` : ''}` : ''}
                </Typography.Text>
              ))}
              <Typography.Text type="secondary">{t('校验时间')}：{formatTime(result.checkedAt, locale)}</Typography.Text>
            </Space>
          }
        />
      )}
    </Space>
  );
}
