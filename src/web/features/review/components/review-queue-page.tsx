import { Result } from 'antd';

export function ReviewQueuePage() {
  return <Result status="info" title="ReviewQueuePage" subTitle="建设中" />;
}
