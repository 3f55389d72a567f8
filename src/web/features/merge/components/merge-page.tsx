import { Result } from 'antd';

export function MergePage() {
  return <Result status="info" title="MergePage" subTitle="建设中" />;
}
