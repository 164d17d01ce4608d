// A link that looks like a button (打印二维码, 前往核查): an <a> with a real href, so it can be opened in a new
// tab, that navigates inside the app on a plain click.
import { Button, type ButtonProps } from 'antd';
import type { MouseEvent, ReactNode } from 'react';
import { useHref, useLinkClickHandler } from 'react-router-dom';

export function ButtonLink(props: { to: string; icon?: ReactNode; type?: ButtonProps['type']; children: ReactNode }) {
  const href = useHref(props.to);
  const onClick = useLinkClickHandler<HTMLAnchorElement>(props.to);
  return (
    <Button
      href={href}
      icon={props.icon}
      type={props.type}
      onClick={(event) => onClick(event as MouseEvent<HTMLAnchorElement>)}
    >
      {props.children}
    </Button>
  );
}
