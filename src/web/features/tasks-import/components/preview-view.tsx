import { Button, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../../lib/i18n.js';
import type { ImportPreview, ImportTargetGuess } from '../../../../shared/schemas/tasks.js';
import { TargetCell } from './target-cell.js';

type PreviewTask = ImportPreview['tasks'][number];
export type TargetDrafts = Record<number, ImportTargetGuess[]>;

interface Props {
  preview: ImportPreview;
  targets: TargetDrafts;
  onTargets: (row: number, targets: ImportTargetGuess[]) => void;
  /** Accept (true) or drop (false) every target still waiting for a decision. */
  onAllUncertain: (accept: boolean) => void;
}

/** The preview's figures: what will be created, skipped and imported, and what will not. */
export function PreviewSummary({ preview: p, targets }: { preview: ImportPreview; targets: TargetDrafts }) {
  const { t } = useI18n();
  const all = Object.values(targets).flat();
  const waiting = all.filter((x) => x.uncertain).length;
  const known = p.knownUnits.length;
  const pr = p.progress;
  return (
    <Card size="small" title={t('预览：{file}', { file: p.fileName })} data-testid="import-preview">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('将新建任务')} value={p.counts.new} valueStyle={{ color: '#389e0d' }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('已存在（跳过）')} value={p.counts.existing} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('量化指标（待确认）')} value={all.length} suffix={waiting ? `（${waiting}）` : undefined} valueStyle={waiting ? { color: '#d46b08' } : undefined} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={pr.period ? t('完成情况导入到「{period}」', { period: pr.period.label }) : t('完成情况')}
            value={pr.period ? pr.import : 0}
            suffix={p.counts.withProgress ? ` / ${p.counts.withProgress}` : undefined}
          />
        </Col>
      </Row>
      <ul style={{ margin: '12px 0 0', paddingLeft: 20 }} data-testid="import-will">
        <li>{t('表中任务{n}项：新建{a}项，已存在{b}项将跳过（不修改其责任单位和指标）。', { n: p.counts.tasks, a: p.counts.new, b: p.counts.existing })}</li>
        <li>
          {t('责任单位：{k}个在单位名录中，{u}个需要指定对应单位或新建。', { k: known, u: p.unknownUnits.length })}
        </li>
        <li>{waiting ? t('量化指标{n}项，其中{w}项待确认（见任务明细中的橙色标签）。', { n: all.length, w: waiting }) : t('量化指标{n}项，均已确认。', { n: all.length })}</li>
        <li>
          {p.counts.withProgress === 0
            ? t('文件没有完成情况。')
            : pr.period
              ? t('完成情况：{a}条导入到「{period}」（{r}份牵头单位报告），{s}条已有报告不覆盖。', { a: pr.import, period: pr.period.label, r: pr.reports, s: pr.alreadyReported })
              : t('完成情况：{n}条不导入（{reason}）。', { n: pr.notImported, reason: pr.reason ? t(pr.reason) : '' })}
        </li>
      </ul>
      <div style={{ marginTop: 8 }}>
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
    </Card>
  );
}

/** Every row as read, with its targets to confirm and what becomes of its progress text. */
export function PreviewTasks({ preview: p, targets, onTargets, onAllUncertain }: Props) {
  const { t } = useI18n();
  const unknown = new Set(p.unknownUnits.map((u) => u.name));
  const waiting = Object.values(targets).flat().filter((x) => x.uncertain).length;
  const fate = (r: PreviewTask) => {
    if (r.progressFate === 'import') return <Tag color="green">{t('导入')}</Tag>;
    if (r.progressFate === 'already_reported') return <Tag>{t('已有报告')}</Tag>;
    if (r.progressFate === 'not_imported') return <Tag color="orange">{t('不导入')}</Tag>;
    return null;
  };
  return (
    <Card
      size="small"
      title={t('任务明细')}
      extra={
        waiting > 0 && (
          <Space wrap size={4}>
            <Button size="small" onClick={() => onAllUncertain(true)} data-testid="accept-all-targets">
              {t('待确认指标全部接受')}
            </Button>
            <Button size="small" onClick={() => onAllUncertain(false)}>
              {t('待确认指标全部舍弃')}
            </Button>
          </Space>
        )
      }
    >
      <Table<PreviewTask>
        rowKey="row"
        size="small"
        bordered
        dataSource={p.tasks}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        data-testid="preview-tasks"
        columns={[
          { title: t('行'), dataIndex: 'row', key: 'row', width: 56 },
          { title: t('分管市长'), dataIndex: 'leaderName', key: 'leader', width: 90 },
          { title: t('序号'), dataIndex: 'seq', key: 'seq', width: 56 },
          {
            title: t('主要工作任务与量化指标'),
            key: 'text',
            render: (_: unknown, r) => (
              <Space direction="vertical" size={4}>
                <span>{r.text}</span>
                {r.exists ? (
                  <Typography.Text type="secondary">{t('已存在的任务不修改指标')}</Typography.Text>
                ) : (
                  <TargetCell row={r.row} targets={targets[r.row] ?? []} onChange={(next) => onTargets(r.row, next)} />
                )}
              </Space>
            ),
          },
          ...(p.progressLabel
            ? [
                {
                  title: p.progressLabel,
                  key: 'progress',
                  width: '26%',
                  render: (_: unknown, r: PreviewTask) =>
                    r.progress ? (
                      <Space direction="vertical" size={2}>
                        {fate(r)}
                        <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3, expandable: 'collapsible' }}>
                          {r.progress}
                        </Typography.Paragraph>
                      </Space>
                    ) : null,
                },
              ]
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
  );
}
