import { useState } from 'react';
import { Button, Form, Input, InputNumber, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, EditOutlined, PlusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../../../lib/i18n.js';
import type { ImportTargetGuess } from '../../../../shared/schemas/tasks.js';

type Target = ImportTargetGuess;

interface Props {
  row: number;
  targets: Target[];
  onChange: (targets: Target[]) => void;
}

/**
 * The targets read from one task's text, as the import will store them: each can be accepted
 * (an uncertain one, orange, says why it is unsure), edited or dropped, and more can be added.
 */
export function TargetCell({ row, targets, onChange }: Props) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const set = (i: number, next: Target | null) => onChange(targets.flatMap((x, k) => (k !== i ? [x] : next ? [next] : [])));
  return (
    <Space size={4} wrap data-testid={`targets-${row}`}>
      {targets.map((x, i) =>
        x.uncertain ? (
          <Space.Compact key={i} size="small" data-testid="uncertain-target">
            <Tooltip title={x.reason}>
              <Tag color="orange" icon={<QuestionCircleOutlined />} style={{ marginInlineEnd: 0 }}>
                {t('待确认')}：{x.label} {x.targetValue}
                {x.unit}
              </Tag>
            </Tooltip>
            <Button size="small" icon={<CheckOutlined />} aria-label={t('接受')} title={t('接受')} onClick={() => set(i, { ...x, uncertain: false, reason: null })} />
            <Button size="small" icon={<CloseOutlined />} aria-label={t('舍弃')} title={t('舍弃')} onClick={() => set(i, null)} />
          </Space.Compact>
        ) : (
          <Tag
            key={i}
            bordered={false}
            color="blue"
            closable
            closeIcon={<CloseOutlined aria-label={t('舍弃')} />}
            onClose={(e) => {
              e.preventDefault();
              set(i, null);
            }}
          >
            {x.label} {x.targetValue}
            {x.unit}
          </Tag>
        ),
      )}
      <Button size="small" type="link" icon={targets.length ? <EditOutlined /> : <PlusOutlined />} onClick={() => setEditing(true)} style={{ padding: 0 }}>
        {targets.length ? t('修改指标') : t('添加指标')}
      </Button>
      {editing && <TargetEditor row={row} targets={targets} onClose={() => setEditing(false)} onSave={(next) => { onChange(next); setEditing(false); }} />}
    </Space>
  );
}

interface EditValues {
  targets: { label: string; targetValue: number | null; unit: string }[];
}

/** Edits one task's targets; saving accepts them all. */
function TargetEditor({ row, targets, onClose, onSave }: { row: number; targets: Target[]; onClose: () => void; onSave: (t: Target[]) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<EditValues>();
  const save = async () => {
    const v = await form.validateFields();
    onSave(v.targets.map((x) => ({ label: x.label.trim(), targetValue: x.targetValue!, unit: x.unit?.trim() ?? '', uncertain: false, reason: null })));
  };
  return (
    <Modal open title={t('第{row}行的量化指标', { row })} okText={t('确定')} cancelText={t('取消')} onOk={() => void save().catch(() => undefined)} onCancel={onClose} destroyOnHidden width={640}>
      {targets.some((x) => x.uncertain) && (
        <Typography.Paragraph type="warning">
          {targets.filter((x) => x.uncertain).map((x) => `${x.label}：${x.reason}`).join('；')}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" initialValues={{ targets: targets.map(({ label, targetValue, unit }) => ({ label, targetValue, unit })) }} data-testid="target-form">
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'label']} label={t('指标名称')} rules={[{ required: true, whitespace: true, message: t('请填写指标名称') }, { max: 100, message: t('指标名称不能超过100字') }]} style={{ width: 260, marginBottom: 8 }}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'targetValue']} label={t('目标值')} rules={[{ required: true, message: t('请填写目标值') }]} style={{ width: 120, marginBottom: 8 }}>
                    <InputNumber style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'unit']} label={t('计量单位')} rules={[{ max: 20, message: t('计量单位不能超过20字') }]} style={{ width: 100, marginBottom: 8 }}>
                    <Input maxLength={20} />
                  </Form.Item>
                  <Form.Item label=" " style={{ marginBottom: 8 }}>
                    <Button icon={<CloseOutlined />} aria-label={t('删除')} onClick={() => remove(f.name)} />
                  </Form.Item>
                </Space>
              ))}
              {fields.length < 20 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ label: '', targetValue: null, unit: '' })}>
                  {t('添加指标')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
