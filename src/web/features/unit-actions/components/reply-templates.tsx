import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Form, Input, List, Modal, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, FileTextOutlined, SettingOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../../lib/api.js';
import { useT } from '../../../lib/i18n.js';
import { RichTextEditor } from '../../proposal-form/components/rich-text-editor.js';
import type { ReplyTemplate } from '../../../../shared/schemas/handling-aids.js';
import '../i18n-aids.js';

const PATH = '/units/me/reply-templates';

export function useReplyTemplates() {
  return useQuery({ queryKey: ['reply-templates'], queryFn: () => api.get<{ items: ReplyTemplate[] }>(PATH).then((r) => r.items) });
}

/**
 * 插入模板: the unit's named reply texts, inserted at the cursor of the reply editor; 管理模板 keeps
 * them (new, edit, delete) and 存为模板 turns the text being written into one.
 */
export function ReplyTemplatesMenu({ onInsert, currentBody }: { onInsert: (html: string) => void; currentBody: string }) {
  const t = useT();
  const templates = useReplyTemplates();
  const [managing, setManaging] = useState<null | { editing?: ReplyTemplate; body?: string }>(null);
  const items = templates.data ?? [];
  return (
    <>
      <Space wrap size={4}>
        <Dropdown
          trigger={['click']}
          menu={{
            items: items.length
              ? items.map((x) => ({ key: String(x.id), label: x.name, onClick: () => onInsert(x.body) }))
              : [{ key: 'none', label: t('本单位尚无答复模板'), disabled: true }],
          }}
        >
          <Button size="small" icon={<FileTextOutlined />} data-testid="insert-template">
            {t('插入模板')}
          </Button>
        </Dropdown>
        <Button size="small" type="text" onClick={() => setManaging({ body: currentBody })} disabled={!currentBody} data-testid="save-as-template">
          {t('存为模板')}
        </Button>
        <Button size="small" type="text" icon={<SettingOutlined />} onClick={() => setManaging({})} data-testid="manage-templates">
          {t('管理模板')}
        </Button>
      </Space>
      {managing && <TemplatesModal start={managing} items={items} onClose={() => setManaging(null)} />}
    </>
  );
}

interface Values {
  name: string;
  body: string;
}

function TemplatesModal({ start, items, onClose }: { start: { editing?: ReplyTemplate; body?: string }; items: ReplyTemplate[]; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<ReplyTemplate | undefined>(start.editing);
  const refresh = () => qc.invalidateQueries({ queryKey: ['reply-templates'] });
  const save = useMutation({
    mutationFn: (v: Values) => (editing ? api.patch(`${PATH}/${editing.id}`, { ...v, version: editing.version }) : api.post(PATH, v)),
    onSuccess: async () => {
      message.success(t('模板已保存'));
      form.resetFields();
      setEditing(undefined);
      await refresh();
    },
    onError: (e) => {
      if (e instanceof ApiError) {
        const fields = e.fieldErrors();
        form.setFields(Object.entries(fields).map(([name, msg]) => ({ name: name as keyof Values, errors: [msg] })));
        if (!Object.keys(fields).length) message.error(e.message);
      }
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`${PATH}/${id}`),
    onSuccess: async () => {
      message.success(t('模板已删除'));
      await refresh();
    },
    onError: (e) => message.error(e instanceof Error ? e.message : String(e)),
  });
  return (
    <Modal open title={t('答复模板')} onCancel={onClose} footer={null} width={760} destroyOnHidden>
      <List
        size="small"
        bordered
        locale={{ emptyText: t('本单位尚无答复模板') }}
        dataSource={items}
        style={{ marginBottom: 16 }}
        renderItem={(x) => (
          <List.Item
            actions={[
              <Button key="e" size="small" type="link" icon={<EditOutlined />} onClick={() => { setEditing(x); form.setFieldsValue({ name: x.name, body: x.body }); }}>
                {t('编辑')}
              </Button>,
              <Popconfirm key="d" title={t('删除模板「{name}」？', { name: x.name })} okText={t('删除')} cancelText={t('取消')} onConfirm={() => remove.mutate(x.id)}>
                <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                  {t('删除')}
                </Button>
              </Popconfirm>,
            ]}
          >
            {x.name}
          </List.Item>
        )}
      />
      <Typography.Text strong>{editing ? t('编辑模板：{name}', { name: editing.name }) : t('新建模板')}</Typography.Text>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ body: start.body ?? '' }} style={{ marginTop: 8 }}>
        <Form.Item name="name" label={t('模板名称')} rules={[{ required: true, whitespace: true, message: t('请填写模板名称') }, { max: 50 }]}>
          <Input maxLength={50} placeholder={t('如：B类答复（列入计划）')} />
        </Form.Item>
        <Form.Item name="body" label={t('模板内容')} rules={[{ required: true, message: t('请填写模板内容') }]}>
          <RichTextEditor aria-label={t('模板内容')} />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          {editing && (
            <Button onClick={() => { setEditing(undefined); form.resetFields(); }}>
              {t('取消编辑')}
            </Button>
          )}
          {/* Not a submit button: the modal sits inside the reply form in React's tree, and a submit would reach it. */}
          <Button type="primary" onClick={() => form.submit()} loading={save.isPending} data-testid="template-save">
            {t('保存模板')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
