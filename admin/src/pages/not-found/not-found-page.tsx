// Unknown admin URL inside the signed-in frame.
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { PageHeading } from '../../ui/page-heading';

export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <>
      <PageHeading title="页面不存在" />
      <Result
        status="404"
        title="没有找到这个页面"
        subTitle="地址可能有误，或者该功能尚未上线。"
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            返回工作台
          </Button>
        }
      />
    </>
  );
}
