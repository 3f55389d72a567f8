import { Result } from 'antd';

export function NotificationsPage() {
  return <Result status="info" title="NotificationsPage" subTitle="建设中" />;
}
