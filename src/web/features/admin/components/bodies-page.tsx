import { Result } from 'antd';

export function BodiesPage() {
  return <Result status="info" title="BodiesPage" subTitle="建设中" />;
}
