// Staff sign-in. A wrong password is a 401 with a Chinese detail from the API, shown as an alert so that
// screen readers announce it; the page never guesses why a sign-in failed.
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { signIn } from '../../api/auth';
import { errorMessage, getSessionEndReason } from '../../api/client';
import { useSession } from '../../session/use-session';
import { APP_NAME, usePageTitle } from '../../ui/page-title';

interface Credentials {
  username: string;
  password: string;
}

export function LoginPage() {
  usePageTitle('登录');
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const [error, setError] = useState<string | null>(null);
  const [expired] = useState(() => getSessionEndReason() === 'expired');
  const [submitting, setSubmitting] = useState(false);

  if (session) return <Navigate to={from && from !== '/login' ? from : '/'} replace />;

  async function onFinish({ username, password }: Credentials) {
    setSubmitting(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (e) {
      setError(errorMessage(e));
      setSubmitting(false);
    }
  }

  return (
    <main className="login-page">
      <Card className="login-card">
        <h1>{APP_NAME}</h1>
        <p className="login-subtitle">工作人员登录</p>
        {error ? (
          <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />
        ) : expired ? (
          <Alert type="warning" showIcon role="alert" title="登录已过期，请重新登录" style={{ marginBottom: 16 }} />
        ) : null}
        {/* No `name` on the Form: antd then uses the field names as ids (#username, #password). */}
        <Form<Credentials> layout="vertical" onFinish={onFinish}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            登录
          </Button>
        </Form>
        <p className="login-hint">演示账号 admin / dispatcher / handler / supervisor / gridworker，密码 Weave@2026</p>
      </Card>
    </main>
  );
}
