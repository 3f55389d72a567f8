import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Collapse, Result, Space, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { DownloadButton } from '../../../components/download-button.js';
import { LinkButton } from '../../../components/link-button.js';
import { IssueList, issueLines, LayoutTable, XlsxUpload, type ChosenFile } from '../../../components/xlsx-upload.js';
import { HISTORY_LAYOUT } from '../../../../shared/imports/layouts.js';
import { PROPOSAL_KINDS } from '../../../../shared/domain.js';
import type { HistoryPreview, HistoryResult } from '../../../../shared/schemas/imports.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';

type SessionRow = HistoryPreview['sessions'][number];

/**
 * 往届数据导入 (提案委): a county's past sessions from one .xlsx (届次 / 提案 / 答复 / 测评), kept
 * with their printed numbers, so that last year's figures and the year-on-year comparison work.
 */
export function HistoryImportPage() {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [preview, setPreview] = useState<HistoryPreview | null>(null);
  const [issues, setIssues] = useState<{ title: string; lines: string[] } | null>(null);
  const [result, setResult] = useState<HistoryResult | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = t('往届数据导入');
  }, [t]);

  const runPreview = async (f: ChosenFile) => {
    setBusy(true);
    setIssues(null);
    setResult(null);
    try {
      setPreview(await api.post<HistoryPreview>('/history-import/preview', { fileName: f.name, contentBase64: f.base64 }));
    } catch (e) {
      setPreview(null);
      setIssues({ title: e instanceof ApiError ? e.message : t('文件无法导入'), lines: issueLines(e) });
    } finally {
      setBusy(false);
    }
  };

  const commit = () =>
    modal.confirm({
      title: t('确认导入往届数据？'),
      content: t('将导入{s}个届次、{n}件提案；导入的届次为往届，保留原编号。', { s: preview!.sessions.length, n: preview!.sessions.reduce((a, x) => a + x.received, 0) }),
      okText: t('确认导入'),
      cancelText: t('取消'),
      onOk: async () => {
        try {
          setResult(await api.post<HistoryResult>('/history-import/commit', { fileName: file!.name, contentBase64: file!.base64 }));
          setPreview(null);
          setFile(null);
          void qc.invalidateQueries({ queryKey: ['sessions'] });
          void qc.invalidateQueries({ queryKey: ['proposals'] });
        } catch (e) {
          setIssues({ title: e instanceof ApiError ? e.message : t('导入失败'), lines: issueLines(e) });
        }
      },
    });

  const errorLines = (preview?.errors ?? []).map((e) => `${e.sheet ? `「${e.sheet}」${t('表')}` : ''}${e.row ? t('第{n}行：', { n: e.row }) : ''}${e.message}`);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <PageTitle style={{ margin: 0 }}>
          {t('往届数据导入')}
        </PageTitle>
        <Typography.Text type="secondary">
          {t('把往届的提案、承办单位、答复和测评从一个电子表格文件（.xlsx）导入，保留印发的编号；导入后统计、单位排名和历年对比即包含往届数据。')}
        </Typography.Text>
      </div>
      <Card size="small">
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <DownloadButton icon={<FileExcelOutlined />} path="/history-import/template.xlsx" fallbackName="往届提案数据导入模板.xlsx" data-testid="history-template">
              {t('下载模板')}
            </DownloadButton>
            <Typography.Text type="secondary">{t('模板含“届次”“提案”“答复”“测评”四张表和填写说明。')}</Typography.Text>
          </Space>
          <Collapse
            size="small"
            items={HISTORY_LAYOUT.map((s) => ({ key: s.name, label: t('「{name}」表', { name: s.name }), children: <LayoutTable sheet={s} /> }))}
          />
          <XlsxUpload
            file={file}
            testId="history-file"
            onFile={(f) => {
              setFile(f);
              setPreview(null);
              setResult(null);
              if (f) void runPreview(f);
            }}
            onRefused={(why) => setIssues({ title: t('文件类型不支持'), lines: [why] })}
          />
          {issues && <IssueList title={issues.title} lines={issues.lines} testId="history-errors" />}
        </Space>
      </Card>
      {preview && (
        <Card size="small" title={t('预览：{file}', { file: preview.fileName })} loading={busy} data-testid="history-preview">
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Table<SessionRow>
              size="small"
              rowKey="name"
              pagination={false}
              scroll={{ x: 860 }}
              dataSource={preview.sessions}
              columns={[
                { title: t('届次'), dataIndex: 'name', key: 'name', width: 150, fixed: 'left', render: (n: string, s) => <span>{n}{s.existing ? <Tag style={{ marginLeft: 4 }}>{t('已有空届次')}</Tag> : null}</span> },
                { title: t('类型'), dataIndex: 'kind', key: 'kind', width: 110, render: (k: SessionRow['kind']) => t(PROPOSAL_KINDS.labels[k]) },
                { title: t('年度'), dataIndex: 'year', key: 'year', width: 64 },
                { title: t('收到'), dataIndex: 'received', key: 'received', width: 60 },
                { title: t('立案'), dataIndex: 'filed', key: 'filed', width: 60 },
                { title: t('不立案'), dataIndex: 'notFiled', key: 'notFiled', width: 64 },
                { title: t('并案'), dataIndex: 'merged', key: 'merged', width: 60 },
                { title: t('重点'), dataIndex: 'keyProposals', key: 'keyProposals', width: 60 },
                { title: t('交办'), dataIndex: 'assigned', key: 'assigned', width: 60 },
                { title: t('答复'), dataIndex: 'replies', key: 'replies', width: 60 },
                { title: t('测评'), dataIndex: 'evaluations', key: 'evaluations', width: 60 },
                { title: 'A/B/C', key: 'classes', width: 90, render: (_: unknown, s) => `${s.classes.A}/${s.classes.B}/${s.classes.C}` },
              ]}
            />
            {preview.newUnits.length > 0 && (
              <div data-testid="history-new-units">
                <Typography.Text strong>{t('将新增的承办单位（{n}个）：', { n: preview.newUnits.length })}</Typography.Text>
                <Space size={4} wrap>
                  {preview.newUnits.map((u) => (
                    <Tag key={u.name} color={u.similar ? 'orange' : undefined}>
                      {u.name}
                      {u.similar ? `（${t('可能是「{name}」', { name: u.similar })}）` : ''}
                    </Tag>
                  ))}
                </Space>
              </div>
            )}
            {preview.newMembers.length > 0 && (
              <div data-testid="history-new-members">
                <Typography.Text strong>{t('名册中没有、将新增（无账号）的提案人（{n}位）：', { n: preview.newMembers.length })}</Typography.Text>
                <Typography.Text>{preview.newMembers.join('、')}</Typography.Text>
              </div>
            )}
            {errorLines.length > 0 && <IssueList title={t('有{n}处错误，请修改文件后重新上传', { n: errorLines.length })} lines={errorLines} testId="history-row-errors" />}
            <Space>
              <Button type="primary" disabled={errorLines.length > 0} onClick={commit} data-testid="history-commit">
                {t('确认导入')}
              </Button>
            </Space>
          </Space>
        </Card>
      )}
      {result && (
        <Result
          status="success"
          title={t('导入完成')}
          subTitle={
            <span data-testid="history-result">
              {t('导入{s}个届次：提案{p}件、答复{r}份、测评{e}条，新增提案人{m}位、承办单位{u}个', {
                s: result.sessions.length, p: result.proposals, r: result.replies, e: result.evaluations, m: result.membersCreated, u: result.unitsCreated,
              })}
            </span>
          }
          extra={result.sessions.map((s) => (
            <LinkButton key={s.id} to={`/dashboard?sessionId=${s.id}`} type="primary">
              {t('查看{name}统计', { name: s.name })}
            </LinkButton>
          ))}
        />
      )}
    </Space>
  );
}
