import { Result } from 'antd';

export function DeadlineBoardPage() {
  return <Result status="info" title="DeadlineBoardPage" subTitle="建设中" />;
}
