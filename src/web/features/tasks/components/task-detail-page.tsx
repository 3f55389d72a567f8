import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { formatDay } from '../../../lib/format.js';
import { useMe } from '../../../app/auth.js';
import { QueryState } from '../../../components/query-state.js';
import type { TaskDetail } from '../../../../shared/schemas/tasks.js';
import { LightTag, PeriodStatusTag, TaskStatusTag } from './task-tags.js';
import { PeriodReports } from './period-reports.js';
import { ReportDrawer } from './report-drawer.js';
import { TaskProposals } from './task-proposals.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';

/** 任务详情: the task, its targets and units, each period's reports (review for 督查室), linked proposals. */
export function TaskDetailPage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const me = useMe();
  const [s, update] = useUrlState<Record<string, string | undefined>>({});
  const q = useQuery({ queryKey: ['tasks', 'detail', id], queryFn: () => api.get<TaskDetail>(`/tasks/${id}`) });

  useEffect(() => {
    if (q.data) document.title = `${q.data.leaderName}-${q.data.seq} ${t('重点工作')}`;
  }, [q.data, t]);

  return (
    <QueryState query={q}>
      {(task) => {
        const myUnit = me.unitId !== null ? task.units.find((u) => u.unitId === me.unitId) : undefined;
        const reportPeriod = s.report ? task.periods.find((p) => p.period.id === Number(s.report)) : undefined;
        const periods = [...task.periods].reverse();
        return (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ padding: 0 }}>
              {t('返回')}
            </Button>
            <Card>
              <Space direction="vertical" size={6} style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text type="secondary">
                    {task.listTitle} · {task.leaderName} · {t('第{n}项', { n: task.seq })}
                  </Typography.Text>
                  <LightTag light={task.light} reason={task.lightReason} />
                  <TaskStatusTag status={task.status} />
                </Space>
                <PageTitle style={{ margin: 0 }} data-testid="task-title">
                  {task.text}
                </PageTitle>
                <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                  <Descriptions.Item label={t('分管市长')}>{task.leaderName}</Descriptions.Item>
                  <Descriptions.Item label={t('完成时限')}>{formatDay(task.dueDate, locale)}</Descriptions.Item>
                  <Descriptions.Item label={t('责任单位')} span={2}>
                    <Space size={4} wrap>
                      {task.units.map((u) => (
                        <Tag key={u.unitId} color={u.isLead ? 'red' : undefined}>
                          {u.isLead ? `★${u.name}（${t('牵头')}）` : `${u.name}（${t('配合')}）`}
                        </Tag>
                      ))}
                    </Space>
                  </Descriptions.Item>
                </Descriptions>
                {myUnit && (
                  <Space wrap>
                    {task.periods
                      .filter((p) => p.period.status === 'open')
                      .map((p) => (
                        <Button key={p.period.id} type="primary" icon={<EditOutlined />} onClick={() => update({ report: p.period.id }, false)} data-testid="open-report">
                          {t('填报「{label}」完成情况', { label: p.period.label })}
                        </Button>
                      ))}
                  </Space>
                )}
              </Space>
            </Card>
            <Card title={t('量化指标')} size="small">
              {task.targets.length === 0 ? (
                <Typography.Text type="secondary">{t('该任务没有量化指标')}</Typography.Text>
              ) : (
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={task.targets}
                  columns={[
                    { title: t('指标'), dataIndex: 'label', key: 'label' },
                    { title: t('目标值'), key: 'target', width: 140, render: (_: unknown, x) => `${x.targetValue}${x.unit}` },
                    ...task.periods.map((p) => ({
                      title: t('{label}完成', { label: p.period.label }),
                      key: `p${p.period.id}`,
                      width: 140,
                      render: (_: unknown, x: { id: number; unit: string }) => {
                        const lead = p.reports.find((r) => r.isLead && r.figures.some((f) => f.targetId === x.id));
                        const v = lead?.figures.find((f) => f.targetId === x.id)?.value;
                        return v === undefined ? '—' : `${v}${x.unit}`;
                      },
                    })),
                  ]}
                />
              )}
            </Card>
            <Card title={t('各报告期完成情况')} size="small">
              {periods.length === 0 ? (
                <Empty description={t('尚未开启报告期')} />
              ) : (
                <Space direction="vertical" size="large" style={{ width: '100%' }}>
                  {periods.map((p) => (
                    <div key={p.period.id} data-testid={`period-${p.period.id}`}>
                      <Space wrap style={{ marginBottom: 8 }}>
                        <Typography.Text strong>{p.period.label}</Typography.Text>
                        <PeriodStatusTag status={p.period.status} />
                        <LightTag light={p.light} reason={p.lightReason} />
                        <TaskStatusTag status={p.status} />
                        <Typography.Text type="secondary">
                          {t('报送截止')} {formatDay(p.period.dueDate, locale)}
                        </Typography.Text>
                      </Space>
                      <PeriodReports task={task} entry={p} onChanged={() => void q.refetch()} />
                    </div>
                  ))}
                </Space>
              )}
            </Card>
            <TaskProposals task={task} onChanged={() => void q.refetch()} />
            {reportPeriod && myUnit && (
              <ReportDrawer
                task={task}
                entry={reportPeriod}
                isLead={myUnit.isLead}
                report={reportPeriod.reports.find((r) => r.unitId === me.unitId) ?? null}
                onClose={() => update({ report: undefined }, false)}
                onChanged={() => void q.refetch()}
              />
            )}
          </Space>
        );
      }}
    </QueryState>
  );
}
