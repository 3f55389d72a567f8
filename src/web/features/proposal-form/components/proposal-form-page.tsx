import { Result } from 'antd';

export function ProposalFormPage() {
  return <Result status="info" title="ProposalFormPage" subTitle="建设中" />;
}
