import { Result } from 'antd';

export function UnitsPage() {
  return <Result status="info" title="UnitsPage" subTitle="建设中" />;
}
