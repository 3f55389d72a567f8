import { Result } from 'antd';

export function KeyProposalsPage() {
  return <Result status="info" title="KeyProposalsPage" subTitle="建设中" />;
}
