import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';

/**
 * Shows a server error where the user can act on it: field messages next to their fields, a stale
 * version as "someone changed this, reload" (the form keeps what the user typed), anything else as
 * a message. `onReload` refetches the record the form edits.
 */
export function useServerErrors(form?: FormInstance, onReload?: () => void) {
  const { message, modal } = App.useApp();
  const { t } = useI18n();
  return useCallback(
    (e: unknown) => {
      if (!(e instanceof ApiError)) {
        message.error(String(e));
        return;
      }
      if (e.isConflict) {
        modal.warning({
          title: t('数据已被他人修改'),
          content: t('该记录已被他人修改，请刷新后再提交。您填写的内容已保留。'),
          okText: t('刷新'),
          onOk: () => onReload?.(),
        });
        return;
      }
      const fields = e.fieldErrors();
      const known = form ? Object.keys(fields).filter((name) => form.getFieldInstance?.(name.split('.')) !== undefined || form.getFieldValue(name.split('.')) !== undefined) : [];
      if (form && known.length) {
        form.setFields(known.map((name) => ({ name: name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [fields[name]!] })));
      }
      message.error(e.message);
    },
    [form, message, modal, onReload, t],
  );
}
