import type { MouseEvent } from 'react';
import { Button, type ButtonProps } from 'antd';
import { useHref, useLinkClickHandler } from 'react-router';

/**
 * A link that looks like a button: one <a> element (role link), navigating inside the app. A
 * <Button> inside a <Link> would nest a button in a link: screen readers announce two controls,
 * and the old screen's button stays clickable while the next screen loads.
 */
export function LinkButton({ to, onClick, ...props }: Omit<ButtonProps, 'href'> & { to: string }) {
  const href = useHref(to);
  const follow = useLinkClickHandler<HTMLAnchorElement>(to);
  return (
    <Button
      {...props}
      href={href}
      onClick={(e: MouseEvent<HTMLElement>) => {
        onClick?.(e as MouseEvent<HTMLButtonElement & HTMLAnchorElement>);
        if (!e.defaultPrevented) follow(e as MouseEvent<HTMLAnchorElement>);
      }}
    />
  );
}
