import { Result } from 'antd';

export function MyProposalsPage() {
  return <Result status="info" title="MyProposalsPage" subTitle="建设中" />;
}
