import { Result } from 'antd';

export function MembersPage() {
  return <Result status="info" title="MembersPage" subTitle="建设中" />;
}
