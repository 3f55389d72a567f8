import { useEffect, useState } from 'react';
import { Alert, Button, Input, List, Modal, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CloseOutlined } from '@ant-design/icons';
import { useI18n } from '../../../lib/i18n.js';
import { proposalNo } from '../../../lib/format.js';
import { useBatchRunner } from '../../../components/batch-runner.js';
import type { ProposalListItem } from '../../../../shared/schemas/proposal-reads.js';
import type { ProposalSummary } from '../../../../shared/schemas/proposal.js';
import '../i18n.js';

interface Props {
  items: ProposalListItem[];
  onClose: () => void;
  onDone: () => void;
}

/**
 * 批量立案: the chosen submissions in the order they will be numbered (moved up and down here),
 * one confirmation, one request; all are filed or none. The result lists the numbers given.
 */
export function BatchFileModal({ items, onClose, onDone }: Props) {
  const { t } = useI18n();
  const batch = useBatchRunner();
  const [order, setOrder] = useState(items);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState<ProposalSummary[] | null>(null);
  useEffect(() => setOrder(items), [items]);

  const move = (i: number, d: -1 | 1) =>
    setOrder((o) => {
      const next = [...o];
      const [x] = next.splice(i, 1);
      next.splice(i + d, 0, x!);
      return next;
    });

  const run = async () => {
    const r = await batch.run({
      title: t('批量立案'),
      path: '/proposals/file-bulk',
      body: { items: order.map((x) => ({ id: x.id, version: x.version })), comment: comment.trim() || undefined },
    });
    if (r) setDone(r.items);
  };

  if (done) {
    return (
      <Modal open title={t('已立案{n}件', { n: done.length })} onCancel={onDone} footer={<Button type="primary" onClick={onDone}>{t('完成')}</Button>} destroyOnHidden>
        <List
          size="small"
          data-testid="batch-file-result"
          dataSource={done}
          renderItem={(p) => (
            <List.Item>
              <Typography.Text strong>{proposalNo(p.number)}</Typography.Text>&nbsp;{p.title}
            </List.Item>
          )}
        />
      </Modal>
    );
  }

  return (
    <>
      <Modal
        open
        title={t('批量立案（{n}件）', { n: order.length })}
        onCancel={onClose}
        width={640}
        okText={t('确认立案{n}件', { n: order.length })}
        cancelText={t('取消')}
        okButtonProps={{ disabled: order.length === 0, loading: batch.busy }}
        onOk={() => void run()}
        destroyOnHidden
      >
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('按下列顺序依次编号；可调整顺序。全部立案成功才会保存，任何一件不能立案则都不立案。')} />
        <List
          size="small"
          data-testid="batch-file-order"
          dataSource={order}
          renderItem={(p, i) => (
            <List.Item
              actions={[
                <Button key="up" size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t('上移{title}', { title: p.title })} onClick={() => move(i, -1)} />,
                <Button key="down" size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === order.length - 1} aria-label={t('下移{title}', { title: p.title })} onClick={() => move(i, 1)} />,
                <Button key="rm" size="small" type="text" icon={<CloseOutlined />} aria-label={t('移出{title}', { title: p.title })} onClick={() => setOrder((o) => o.filter((x) => x.id !== p.id))} />,
              ]}
            >
              <Space size={6} style={{ minWidth: 0 }}>
                <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                <Typography.Text ellipsis={{ tooltip: p.title }} style={{ maxWidth: 380 }}>
                  {p.title}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
        <Input.TextArea rows={2} maxLength={2000} placeholder={t('立案意见（选填，各件相同）')} value={comment} onChange={(e) => setComment(e.target.value)} style={{ marginTop: 12 }} aria-label={t('立案意见')} />
      </Modal>
      {batch.element}
    </>
  );
}
