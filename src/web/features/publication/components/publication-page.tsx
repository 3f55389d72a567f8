import { Result } from 'antd';

export function PublicationPage() {
  return <Result status="info" title="PublicationPage" subTitle="建设中" />;
}
