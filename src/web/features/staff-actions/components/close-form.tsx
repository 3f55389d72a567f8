import { Modal } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';

export function CloseForm({ onClose }: ActionFormProps) {
  return <Modal open title="建设中" onCancel={onClose} onOk={onClose} />;
}
