import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../lib/i18n.js';

export function NotFound({ title }: { title?: string }) {
  const t = useT();
  return (
    <Result
      status="404"
      title="404"
      subTitle={title ?? t('页面不存在')}
      extra={
        <Link to="/">
          <Button type="primary">{t('返回首页')}</Button>
        </Link>
      }
    />
  );
}
