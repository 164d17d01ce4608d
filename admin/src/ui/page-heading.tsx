// The one h1 of a page. It can take focus so that the layout can move screen-reader users to the new page
// after a client-side navigation, which a browser would otherwise not announce.
import type { ReactNode } from 'react';
import { usePageTitle } from './page-title';

export function PageHeading({ title, extra }: { title: string; extra?: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="page-heading">
      <h1 tabIndex={-1}>{title}</h1>
      {extra ? <div className="page-heading-extra">{extra}</div> : null}
    </div>
  );
}
