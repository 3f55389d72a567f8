import { Result } from 'antd';
import { useT } from '../lib/i18n.js';
import { LinkButton } from './link-button.js';
import { CardPageTitle } from './page-title.js';

export function NotFound({ title }: { title?: string }) {
  const t = useT();
  return (
    <Result
      status="404"
      title={<CardPageTitle>404</CardPageTitle>}
      subTitle={title ?? t('页面不存在')}
      extra={
        <LinkButton to="/" type="primary">{t('返回首页')}</LinkButton>
      }
    />
  );
}
