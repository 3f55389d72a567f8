import { Card, Col, Form, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import type { ImportPreview } from '../../../../shared/schemas/tasks.js';

export type UnitMapping = Record<string, number | 'create'>;
type PreviewTask = ImportPreview['tasks'][number];
type Unknown = ImportPreview['unknownUnits'][number];

interface Props {
  preview: ImportPreview;
  mapping: UnitMapping;
  errors: Record<string, string>;
  onMap: (name: string, value: number | 'create' | undefined) => void;
}

/** What the commit would do: counts, leaders, the units to map, and every row as read. */
export function PreviewView({ preview: p, mapping, errors, onMap }: Props) {
  const { t } = useI18n();
  const units = useQuery({ queryKey: ['units'], queryFn: () => api.get<{ id: number; name: string; active: boolean }[]>('/units'), staleTime: 5 * 60_000 });
  const unknown = new Set(p.unknownUnits.map((u) => u.name));
  return (
    <>
      <Card size="small" title={t('预览：{file}', { file: p.fileName })} data-testid="import-preview">
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic title={t('表中任务')} value={p.counts.tasks} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('将新建')} value={p.counts.new} valueStyle={{ color: '#389e0d' }} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('已存在（跳过）')} value={p.counts.existing} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('含完成情况')} value={p.counts.withProgress} />
          </Col>
        </Row>
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('分管市长')}：</Typography.Text>
          <Space size={4} wrap>
            {p.leaders.map((l) => (
              <Tag key={l.name} color={l.leaderId ? 'blue' : undefined}>
                {l.name}（{l.tasks}
                {t('项')}）{l.leaderId ? '' : ` ${t('未关联领导账号')}`}
              </Tag>
            ))}
          </Space>
        </div>
        {p.progressLabel && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {t('完成情况列：{label}', { label: p.progressLabel })}
          </Typography.Paragraph>
        )}
      </Card>
      {p.unknownUnits.length > 0 && (
        <Card size="small" title={t('单位名录中没有的责任单位（{n}个）', { n: p.unknownUnits.length })} data-testid="unknown-units">
          <Typography.Paragraph type="secondary">{t('请为每个单位选择对应的已有单位，或选择“新建”将其加入单位名录。')}</Typography.Paragraph>
          <Table<Unknown>
            rowKey="name"
            size="small"
            pagination={false}
            dataSource={p.unknownUnits}
            columns={[
              { title: t('表中名称'), dataIndex: 'name', key: 'name', width: 220 },
              { title: t('所在行'), key: 'rows', width: 140, render: (_: unknown, u) => t('第{rows}行', { rows: u.rows.join('、') }) },
              {
                title: t('对应单位'),
                key: 'map',
                render: (_: unknown, u) => (
                  <Form.Item style={{ margin: 0 }} validateStatus={errors[u.name] ? 'error' : undefined} help={errors[u.name] || undefined}>
                    <Select
                      showSearch
                      allowClear
                      optionFilterProp="label"
                      aria-label={t('{name}的对应单位', { name: u.name })}
                      data-testid={`map-${u.name}`}
                      placeholder={t('选择对应单位或新建')}
                      style={{ width: 280 }}
                      value={mapping[u.name]}
                      onChange={(v) => onMap(u.name, v)}
                      options={[
                        { value: 'create', label: t('新建「{name}」', { name: u.name }) },
                        ...(units.data ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name })),
                      ]}
                    />
                  </Form.Item>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Card size="small" title={t('任务明细')}>
        <Table<PreviewTask>
          rowKey="row"
          size="small"
          bordered
          dataSource={p.tasks}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          columns={[
            { title: t('行'), dataIndex: 'row', key: 'row', width: 56 },
            { title: t('分管市长'), dataIndex: 'leaderName', key: 'leader', width: 90 },
            { title: t('序号'), dataIndex: 'seq', key: 'seq', width: 56 },
            {
              title: t('主要工作任务'),
              key: 'text',
              render: (_: unknown, r) => (
                <Space direction="vertical" size={2}>
                  <span>{r.text}</span>
                  <Space size={4} wrap>
                    {r.targets.map((x, i) => (
                      <Tag key={i} bordered={false} color="blue">
                        {x.label} {x.targetValue}
                        {x.unit}
                      </Tag>
                    ))}
                  </Space>
                </Space>
              ),
            },
            ...(p.progressLabel
              ? [{ title: p.progressLabel, dataIndex: 'progress', key: 'progress', width: '28%', render: (v: string) => <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3, expandable: 'collapsible' }}>{v}</Typography.Paragraph> }]
              : []),
            {
              title: t('责任单位'),
              key: 'units',
              width: 200,
              render: (_: unknown, r) => (
                <Space size={2} wrap>
                  {r.units.map((u) => (
                    <Tag key={u.name} color={unknown.has(u.name) ? 'orange' : u.isLead ? 'red' : undefined}>
                      {u.isLead && r.units.some((x) => !x.isLead) ? '★' : ''}
                      {u.name}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            { title: t('导入'), key: 'exists', width: 80, render: (_: unknown, r) => (r.exists ? <Tag>{t('已存在')}</Tag> : <Tag color="green">{t('新建')}</Tag>) },
          ]}
        />
      </Card>
    </>
  );
}
