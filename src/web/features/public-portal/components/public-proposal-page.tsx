import { Result } from 'antd';

export function PublicProposalPage() {
  return <Result status="info" title="PublicProposalPage" subTitle="建设中" />;
}
