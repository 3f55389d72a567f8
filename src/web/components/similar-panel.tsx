import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, List, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { api } from '../lib/api.js';
import { extendEnglish, useI18n } from '../lib/i18n.js';
import { formatDay, proposalNo } from '../lib/format.js';
import { StatusTag } from './status-tag.js';
import type { SimilarDraftResult, SimilarList, SimilarProposal } from '../../shared/schemas/search.js';

extendEnglish({
  相似提案: 'Similar proposals',
  '同一主题的往年和本届提案': 'Earlier and current proposals on the same subject',
  暂无相似提案: 'No similar proposals',
  相似度: 'Similarity',
  已答复: 'Answered',
  '{cls}类答复': 'Class {cls} reply',
  主办: 'Lead',
  并案: 'Merge',
  '与本件并案': 'Merge with this one',
  建议主办单位: 'Suggested lead unit',
  '类似提案中主办{n}次': 'led {n} similar proposals',
  相关重点工作: 'Related government key tasks',
  '输入案由和正文后，将显示以往相近的提案及其答复': 'Type a title and text to see earlier proposals on the subject and how they were answered',
  相似提案加载失败: 'Could not load similar proposals',
});

export interface SimilarDraft {
  title: string;
  body: string;
  sessionId?: number;
  excludeId?: number;
}

type Props = (
  /** Staff reviewing a proposal: GET /proposals/:id/similar, with a merge link. */
  | { proposalId: number; sessionId?: number; draft?: undefined; showUnits?: undefined; linkTo?: 'detail' | 'public' }
  /** A member writing: POST /similar as the title and body change (debounced). */
  | { draft: SimilarDraft; showUnits?: boolean; proposalId?: undefined; sessionId?: undefined; linkTo?: 'detail' | 'public' }
) & {
  /** Inside another frame (a folding panel on a phone, which carries the title): no card of its own. */
  embedded?: boolean;
};

/** Waits until the value has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

const plainLength = (html: string) => html.replace(/<[^>]*>/g, '').trim().length;

/**
 * 相似提案: earlier and current proposals on the same subject with their score, status and reply
 * class — so that staff can merge, and a member sees what was answered before. For staff writing or
 * reviewing, also the units that led similar proposals and related government key tasks.
 */
export function SimilarPanel(props: Props) {
  const { t, locale } = useI18n();
  const draftKey = props.draft ? JSON.stringify(props.draft) : '';
  const debounced = useDebounced(draftKey, 800);
  const draft = debounced ? (JSON.parse(debounced) as SimilarDraft) : null;
  const draftReady = !!draft && draft.title.trim().length + plainLength(draft.body) >= 4;

  const byId = useQuery({
    queryKey: ['similar', props.proposalId],
    queryFn: () => api.get<SimilarList>(`/proposals/${props.proposalId}/similar`),
    enabled: props.proposalId !== undefined,
  });
  const byDraft = useQuery({
    queryKey: ['similar-draft', debounced],
    queryFn: () => api.post<SimilarDraftResult>('/similar', draft),
    enabled: props.draft !== undefined && draftReady,
    placeholderData: (prev) => prev,
    staleTime: 60_000,
  });
  const query = props.proposalId !== undefined ? byId : byDraft;
  const data = query.data as (SimilarList & Partial<SimilarDraftResult>) | undefined;
  const linkTo = props.linkTo ?? 'detail';

  const item = (p: SimilarProposal) => (
    <List.Item
      key={p.id}
      actions={
        props.proposalId !== undefined
          ? [
              <Link key="merge" to={`/merge?primaryId=${props.proposalId}&secondaryIds=${p.id}${props.sessionId ? `&sessionId=${props.sessionId}` : ''}`}>
                <Tooltip title={t('与本件并案')}>{t('并案')}</Tooltip>
              </Link>,
            ]
          : undefined
      }
    >
      <List.Item.Meta
        title={
          <Space size={4} wrap>
            <Tag color="blue">
              {t('相似度')} {Math.round(p.score * 100)}%
            </Tag>
            <Link to={linkTo === 'public' && p.published ? `/public/proposals/${p.id}` : `/proposals/${p.id}`} target={props.draft ? '_blank' : undefined}>
              {p.title}
            </Link>
          </Space>
        }
        description={
          <Space size={[8, 4]} wrap>
            <span>
              {p.year} {p.sessionName} {proposalNo(p.number)}
            </span>
            <StatusTag status={p.status} />
            {p.leadUnitName && (
              <span>
                {t('主办')}：{p.leadUnitName}
              </span>
            )}
            {p.resultClass && (
              <Tag color="green">
                {t('{cls}类答复', { cls: p.resultClass })}
                {p.repliedOn ? ` · ${formatDay(p.repliedOn, locale)}` : ''}
              </Tag>
            )}
          </Space>
        }
      />
    </List.Item>
  );

  const frame = (children: ReactNode) =>
    props.embedded ? (
      <div data-testid="similar-panel" aria-busy={query.isFetching}>
        {children}
      </div>
    ) : (
      <Card size="small" title={t('相似提案')} extra={query.isFetching ? <Spin size="small" /> : undefined} data-testid="similar-panel">
        {children}
      </Card>
    );

  return frame(
    <>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('同一主题的往年和本届提案')}
      </Typography.Paragraph>
      {props.draft !== undefined && !draftReady ? (
        <Typography.Text type="secondary">{t('输入案由和正文后，将显示以往相近的提案及其答复')}</Typography.Text>
      ) : query.isError ? (
        <Alert type="warning" showIcon message={t('相似提案加载失败')} action={<Button size="small" onClick={() => void query.refetch()}>{t('重试')}</Button>} />
      ) : !data ? (
        <Spin />
      ) : (
        <>
          {data.proposals.length ? <List size="small" dataSource={data.proposals} renderItem={item} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无相似提案')} />}
          {props.showUnits && !!data.units?.length && (
            <div style={{ marginTop: 12 }}>
              <Typography.Text strong>{t('建议主办单位')}</Typography.Text>
              <div style={{ marginTop: 4 }}>
                {data.units.map((u) => (
                  <Tag key={u.unitId} color="purple">
                    {u.unitName}（{t('类似提案中主办{n}次', { n: u.count })}）
                  </Tag>
                ))}
              </div>
            </div>
          )}
          {!!data.tasks?.length && (
            <div style={{ marginTop: 12 }}>
              <Typography.Text strong>{t('相关重点工作')}</Typography.Text>
              <List
                size="small"
                dataSource={data.tasks}
                renderItem={(task) => (
                  <List.Item key={task.taskId}>
                    <Space direction="vertical" size={0}>
                      <span>{task.text}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {task.listTitle} · {task.leaderName}
                        {task.leadUnitNames.length ? ` · ${task.leadUnitNames.join('、')}` : ''}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </div>
          )}
        </>
      )}
    </>,
  );
}
