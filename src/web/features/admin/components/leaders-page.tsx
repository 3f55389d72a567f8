import { Result } from 'antd';

export function LeadersPage() {
  return <Result status="info" title="LeadersPage" subTitle="建设中" />;
}
