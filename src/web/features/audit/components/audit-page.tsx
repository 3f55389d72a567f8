import { Result } from 'antd';

export function AuditPage() {
  return <Result status="info" title="AuditPage" subTitle="建设中" />;
}
