// What someone sees who follows a link to a screen their role does not use: the menu hides it, the API
// would refuse it, and this says so in words instead of showing an empty table.
import { Result } from 'antd';
import { PageHeading } from './page-heading';

export function NoAccess({ title, who }: { title: string; who: string }) {
  return (
    <>
      <PageHeading title={title} />
      <Result status="403" title="没有权限" subTitle={`${who}可以使用此功能。`} />
    </>
  );
}
