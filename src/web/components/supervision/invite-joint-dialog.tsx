import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Input, Modal, Typography } from 'antd';
import { api } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { useServerErrors } from '../use-server-errors.js';
import './i18n.js';

/** The county's staff invite the parent on a key proposal (from the key-proposal page). */
export function InviteJointDialog({ proposalId, title, onClose }: { proposalId: number; title: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const showErrors = useServerErrors();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await api.post('/joint-supervisions', { proposalId, note: note.trim() || undefined });
      message.success(t('已邀请上级联合督办'));
      await qc.invalidateQueries({ queryKey: ['joint-supervisions'] });
      onClose();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('邀请上级联合督办')} onCancel={onClose} onOk={() => void submit()} okText={t('邀请上级联合督办')} cancelText={t('取消')} confirmLoading={busy} destroyOnHidden>
      <Typography.Paragraph>{title}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('邀请后，上级提案委确认即可共同督办本件重点提案。')}</Typography.Paragraph>
      <label htmlFor="joint-note">{t('说明')}</label>
      <Input.TextArea id="joint-note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
    </Modal>
  );
}
