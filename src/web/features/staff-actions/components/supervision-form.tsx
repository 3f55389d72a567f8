import { Modal } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';

export function SupervisionForm({ onClose }: ActionFormProps) {
  return <Modal open title="建设中" onCancel={onClose} onOk={onClose} />;
}
