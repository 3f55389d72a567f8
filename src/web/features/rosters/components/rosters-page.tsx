import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Collapse, Form, Input, Radio, Result, Space, Statistic, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useMe } from '../../../app/auth.js';
import { DownloadButton } from '../../../components/download-button.js';
import { IssueList, issueLines, LayoutTable, XlsxUpload, type ChosenFile } from '../../../components/xlsx-upload.js';
import { ROSTER_LAYOUTS, ROSTER_TITLES, type RosterKind } from '../../../../shared/imports/layouts.js';
import { ROW_ACTIONS, type RosterPreview, type RosterResult } from '../../../../shared/schemas/imports.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';

const ACTION_COLORS = { create: 'green', update: 'blue', skip: 'default', error: 'red' } as const;

/**
 * 名册导入: members (委员/代表) and units for the 系统管理员, accounts for the 安全管理员. Upload the
 * filled template, check the preview row by row, commit: every row or none.
 */
export function RostersPage() {
  const { t } = useI18n();
  const me = useMe();
  const kinds: RosterKind[] = [...(me.roles.includes('sysadmin') ? (['members', 'units'] as const) : []), ...(me.roles.includes('secadmin') ? (['accounts'] as const) : [])];
  const [tab, setTab] = useState<RosterKind>(kinds[0] ?? 'members');
  useEffect(() => {
    document.title = t('名册导入');
  }, [t]);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <PageTitle style={{ margin: 0 }}>
          {t('名册导入')}
        </PageTitle>
        <Typography.Text type="secondary">{t('下载模板填写后上传，先预览逐行检查结果；任何一行有错误时不导入任何内容。')}</Typography.Text>
      </div>
      <Card size="small">
        <Tabs activeKey={tab} onChange={(k) => setTab(k as RosterKind)} items={kinds.map((k) => ({ key: k, label: t(ROSTER_TITLES[k]), children: <RosterImport key={k} kind={k} /> }))} />
      </Card>
    </Space>
  );
}

function RosterImport({ kind }: { kind: RosterKind }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [memberKind, setMemberKind] = useState<'proposal' | 'suggestion'>('proposal');
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [issues, setIssues] = useState<{ title: string; lines: string[] } | null>(null);
  const [result, setResult] = useState<RosterResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [pwForm] = Form.useForm<{ initialPassword: string }>();
  const layout = ROSTER_LAYOUTS[kind];
  const body = () => ({ fileName: file!.name, contentBase64: file!.base64, ...(kind === 'members' ? { kind: memberKind } : {}) });

  const runPreview = async (f: ChosenFile | null = file, mk = memberKind) => {
    if (!f) return;
    setBusy(true);
    setIssues(null);
    setResult(null);
    try {
      setPreview(await api.post<RosterPreview>(`/rosters/${kind}/preview`, { fileName: f.name, contentBase64: f.base64, ...(kind === 'members' ? { kind: mk } : {}) }));
    } catch (e) {
      setPreview(null);
      setIssues({ title: e instanceof ApiError ? e.message : t('文件无法导入'), lines: issueLines(e) });
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!preview) return;
    const extra = kind === 'accounts' ? await pwForm.validateFields().catch(() => null) : {};
    if (extra === null) return;
    modal.confirm({
      title: t('确认导入？'),
      content: t('新增{a}条、更新{b}条、跳过{c}条。', { a: preview.counts.create, b: preview.counts.update, c: preview.counts.skip }),
      okText: t('确认导入'),
      cancelText: t('取消'),
      onOk: async () => {
        try {
          setResult(await api.post<RosterResult>(`/rosters/${kind}/commit`, { ...body(), ...extra }));
          setPreview(null);
          setFile(null);
          pwForm.resetFields();
          void qc.invalidateQueries({ queryKey: [kind] });
        } catch (e) {
          setIssues({ title: e instanceof ApiError ? e.message : t('导入失败'), lines: issueLines(e) });
        }
      },
    });
  };

  const columns: TableProps<RosterPreview['rows'][number]>['columns'] = [
    { title: t('行'), dataIndex: 'row', key: 'row', width: 56, fixed: 'left' },
    { title: t('处理'), dataIndex: 'action', key: 'action', width: 110, render: (a: keyof typeof ROW_ACTIONS) => <Tag color={ACTION_COLORS[a]}>{t(ROW_ACTIONS[a])}</Tag> },
    ...layout.columns.map((c) => ({ title: t(c.header), key: c.key, width: c.width * 8, render: (_: unknown, r: RosterPreview['rows'][number]) => r.cells[c.key] || '' })),
    { title: t('问题'), key: 'errors', width: 260, render: (_: unknown, r: RosterPreview['rows'][number]) => <Typography.Text type="danger">{r.errors.join('；')}</Typography.Text> },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <DownloadButton icon={<FileExcelOutlined />} path={`/rosters/${kind}/template.xlsx`} fallbackName={`${ROSTER_TITLES[kind]}导入模板.xlsx`} data-testid={`template-${kind}`}>
          {t('下载模板')}
        </DownloadButton>
        {kind === 'members' && (
          <Radio.Group
            value={memberKind}
            onChange={(e) => {
              setMemberKind(e.target.value);
              setPreview(null);
              // The same file read again as the other organ's roster.
              if (file) void runPreview(file, e.target.value);
            }}
            options={[{ value: 'proposal', label: t('委员名册（政协）') }, { value: 'suggestion', label: t('代表名册（人大）') }]}
            optionType="button"
          />
        )}
      </Space>
      <Collapse size="small" items={[{ key: 'layout', label: t('表格格式'), children: <LayoutTable sheet={layout} /> }]} />
      <XlsxUpload
        file={file}
        testId={`roster-file-${kind}`}
        onFile={(f) => {
          setFile(f);
          setPreview(null);
          setResult(null);
          if (f) void runPreview(f);
        }}
        onRefused={(why) => setIssues({ title: t('文件类型不支持'), lines: [why] })}
      />
      {issues && <IssueList title={issues.title} lines={issues.lines} testId="roster-errors" />}
      {preview && (
        <Card size="small" title={t('预览：{file}', { file: preview.fileName })} data-testid="roster-preview" loading={busy}>
          <Space wrap size="large" style={{ marginBottom: 12 }}>
            <Statistic title={t('行数')} value={preview.counts.rows} />
            <Statistic title={t('新增')} value={preview.counts.create} valueStyle={{ color: '#389e0d' }} />
            <Statistic title={t('更新')} value={preview.counts.update} valueStyle={{ color: '#1677ff' }} />
            <Statistic title={t('跳过')} value={preview.counts.skip} />
            <Statistic title={t('有错误')} value={preview.counts.errors} valueStyle={{ color: preview.counts.errors ? '#cf1322' : undefined }} />
          </Space>
          {preview.errors.length > 0 && <IssueList title={t('有{n}处错误，请修改文件后重新上传', { n: preview.errors.length })} lines={preview.errors.map((e) => e.message)} testId="roster-row-errors" />}
          <Table
            size="small"
            rowKey="row"
            style={{ marginTop: 12 }}
            columns={columns}
            dataSource={preview.rows}
            scroll={{ x: 900 }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            rowClassName={(r) => (r.errors.length ? 'roster-row-error' : '')}
          />
          {kind === 'accounts' && (
            <Form form={pwForm} layout="vertical" style={{ maxWidth: 360, marginTop: 12 }}>
              <Form.Item
                name="initialPassword"
                label={t('新账户的初始密码')}
                extra={t('至少10位，含大写字母、小写字母、数字、符号中的三类；首次登录须修改')}
                rules={[{ required: true, message: t('请设置初始密码') }, { min: 10, message: t('密码至少10位') }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Form>
          )}
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" disabled={preview.counts.errors > 0 || preview.errors.length > 0 || preview.counts.create + preview.counts.update === 0} onClick={() => void commit()} data-testid="roster-commit">
              {t('确认导入')}
            </Button>
            {preview.counts.create + preview.counts.update === 0 && preview.errors.length === 0 && <Typography.Text type="secondary">{t('名册中各行均已存在，无需导入')}</Typography.Text>}
          </Space>
        </Card>
      )}
      {result && (
        <Result
          status="success"
          title={t('导入完成')}
          subTitle={
            <span data-testid="roster-result">
              {t('新增{a}条，更新{b}条，跳过{c}条', { a: result.created, b: result.updated, c: result.skipped })}
              {result.pending ? t('；{n}个账户的角色须另一位管理员审批，已提交双人审批', { n: result.pending }) : ''}
            </span>
          }
        />
      )}
    </Space>
  );
}
