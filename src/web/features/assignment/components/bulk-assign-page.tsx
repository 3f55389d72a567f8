import { Result } from 'antd';

export function BulkAssignPage() {
  return <Result status="info" title="BulkAssignPage" subTitle="建设中" />;
}
