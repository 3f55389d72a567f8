import { Result } from 'antd';

export function ObjectionsPage() {
  return <Result status="info" title="ObjectionsPage" subTitle="建设中" />;
}
