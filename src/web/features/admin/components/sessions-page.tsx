import { Result } from 'antd';

export function SessionsPage() {
  return <Result status="info" title="SessionsPage" subTitle="建设中" />;
}
