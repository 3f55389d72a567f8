import type React from 'react';
import { theme, Typography } from 'antd';
import type { TitleProps } from 'antd/es/typography/Title.js';

/**
 * The title of a screen: its one `h1` (WCAG 1.3.1, 2.4.6; screen readers jump to it), drawn at the
 * size of an Ant Design h4 (h3 on the public portal and the login page), as the screens were drawn.
 */
export function PageTitle({ size = 4, style, ...props }: Omit<TitleProps, 'level'> & { size?: 3 | 4 }) {
  const { token } = theme.useToken();
  const fontSize = size === 3 ? token.fontSizeHeading3 : token.fontSizeHeading4;
  const lineHeight = size === 3 ? token.lineHeightHeading3 : token.lineHeightHeading4;
  return <Typography.Title level={1} style={{ fontSize, lineHeight, ...style }} {...props} />;
}

/** The `h1` of a screen whose title sits in a card's header: it keeps the header's look. */
export function CardPageTitle({ children }: { children: React.ReactNode }) {
  return <h1 style={{ font: 'inherit', color: 'inherit', margin: 0, display: 'inline' }}>{children}</h1>;
}
