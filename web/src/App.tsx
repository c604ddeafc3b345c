import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import { ROLE_LABELS, type Me } from '../../src/api/contract.js';
import { api, ApiException, messageOf, setCsrfToken, setOnUnauthenticated } from './api.js';
import { navigate, useRoute } from './router.js';
import { SessionContext } from './session.js';
import { LoginPage } from './pages/Login.js';
import { DatasetsPage } from './pages/Datasets.js';
import { DatasetPage } from './pages/Dataset.js';
import { ImportPage } from './pages/Import.js';
import { BundlesPage } from './pages/Bundles.js';
import { AdminPage } from './pages/Admin.js';
import { SummaryPage } from './pages/Summary.js';
import { ReviewPage, ReviewsPage } from './pages/Reviews.js';

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const route = useRoute();

  const accept = useCallback((m: Me | null) => {
    setCsrfToken(m?.csrfToken ?? null);
    setMe(m);
  }, []);

  useEffect(() => {
    setOnUnauthenticated(() => accept(null));
    api
      .get<Me>('/me')
      .then(accept)
      .catch((e: unknown) => {
        if (e instanceof ApiException && e.status === 401) accept(null);
        else setLoadError(messageOf(e));
      });
  }, [accept]);

  const logout = useCallback(() => {
    api.post('/logout').finally(() => {
      accept(null);
      navigate('/login');
    });
  }, [accept]);
  const session = useMemo(() => (me ? { me, logout } : null), [me, logout]);

  if (loadError) return <Result status="error" title="无法打开系统" subTitle={loadError} extra={<Button onClick={() => window.location.reload()}>重试</Button>} />;
  if (me === undefined) return <Spin fullscreen tip="正在加载…" />;
  if (me === null) return <LoginPage onLogin={(m) => { accept(m); if (route.name === 'login') navigate('/datasets'); }} />;

  const items = [
    { key: 'datasets', label: '数据列表' },
    ...(me.role === 'filler' ? [{ key: 'import', label: '导入 Excel' }] : []),
    { key: 'bundles', label: '公开报告' },
    ...(me.role === 'finance_reviewer' || me.role === 'admin' ? [{ key: 'summary', label: '汇总' }, { key: 'reviews', label: '外部报告审核' }] : []),
    ...(me.role === 'admin' ? [{ key: 'admin', label: '管理' }] : []),
  ];
  const selected = route.name === 'dataset' || route.name === 'login' ? 'datasets' : route.name === 'review' ? 'reviews' : route.name;

  return (
    <SessionContext.Provider value={session}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}>
          <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>部门决算公开与绩效自评</Typography.Text>
          <Menu theme="dark" mode="horizontal" selectedKeys={[selected]} items={items} onClick={(e) => navigate(`/${e.key}`)} style={{ flex: 1, minWidth: 0 }} />
          <Space>
            <Typography.Text style={{ color: '#fff' }} data-testid="user-name">{me.displayName}</Typography.Text>
            <Tag color="blue">{ROLE_LABELS[me.role]}</Tag>
            <Button size="small" onClick={logout}>退出</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          {route.name === 'dataset' ? (
            <DatasetPage key={route.id} id={route.id} tab={route.tab} />
          ) : route.name === 'import' ? (
            <ImportPage />
          ) : route.name === 'bundles' ? (
            <BundlesPage />
          ) : route.name === 'admin' ? (
            <AdminPage />
          ) : route.name === 'summary' ? (
            <SummaryPage />
          ) : route.name === 'reviews' ? (
            <ReviewsPage />
          ) : route.name === 'review' ? (
            <ReviewPage key={route.id} id={route.id} fileId={route.fileId} />
          ) : (
            <DatasetsPage />
          )}
        </Layout.Content>
      </Layout>
    </SessionContext.Provider>
  );
}
