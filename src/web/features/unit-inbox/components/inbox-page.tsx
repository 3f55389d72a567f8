import { Result } from 'antd';

export function InboxPage() {
  return <Result status="info" title="InboxPage" subTitle="建设中" />;
}
