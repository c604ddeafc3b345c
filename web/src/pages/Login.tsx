import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import type { Me } from '../../../src/api/contract.js';
import { api, ApiException, messageOf } from '../api.js';

export function LoginPage({ onLogin }: { onLogin: (me: Me) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      onLogin(await api.post<Me>('/login', v));
    } catch (e) {
      setError(messageOf(e));
      if (e instanceof ApiException) setFields(e.fields);
    } finally {
      setBusy(false);
    }
  };
  const status = (k: string) => (fields[k] ? { validateStatus: 'error' as const, help: fields[k] } : {});
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>部门决算公开与绩效自评</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>请登录</Typography.Paragraph>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请填写用户名' }]} {...status('username')}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]} {...status('password')}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>登录</Button>
        </Form>
      </Card>
    </div>
  );
}
