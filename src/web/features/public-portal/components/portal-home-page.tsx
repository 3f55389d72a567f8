import { Result } from 'antd';

export function PortalHomePage() {
  return <Result status="info" title="PortalHomePage" subTitle="建设中" />;
}
