import { Result } from 'antd';

export function CalendarPage() {
  return <Result status="info" title="CalendarPage" subTitle="建设中" />;
}
