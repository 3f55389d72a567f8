import { Result } from 'antd';

export function UsersPage() {
  return <Result status="info" title="UsersPage" subTitle="建设中" />;
}
