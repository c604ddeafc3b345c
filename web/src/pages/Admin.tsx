import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import { ROLES, ROLE_LABELS, type Organisation, type Region, type Role, type UserSummary } from '../../../src/api/contract.js';
import { api, ApiException, messageOf } from '../api.js';

export function AdminPage() {
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  const [regions, setRegions] = useState<Region[]>([]);
  const [users, setUsers] = useState<UserSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    Promise.all([api.get<Organisation[]>('/organisations'), api.get<Region[]>('/regions'), api.get<UserSummary[]>('/users')]).then(
      ([o, r, u]) => {
        setOrgs(o);
        setRegions(r);
        setUsers(u);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, []);
  useEffect(load, [load]);
  return (
    <Card title="管理">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Tabs
        items={[
          { key: 'users', label: '用户', children: <UsersTab users={users} orgs={orgs} regions={regions} reload={load} /> },
          { key: 'orgs', label: '单位', children: <OrgsTab orgs={orgs} regions={regions} reload={load} /> },
        ]}
      />
    </Card>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function applyFieldErrors(form: { setFields: (f: any[]) => void }, e: unknown): void {
  if (e instanceof ApiException) form.setFields(Object.entries(e.fields).map(([name, m]) => ({ name, errors: [m] })));
}

function UsersTab({ users, orgs, regions, reload }: { users: UserSummary[] | null; orgs: Organisation[]; regions: Region[]; reload: () => void }) {
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserSummary | null>(null);
  const orgName = (id: number | null) => orgs.find((o) => o.id === id)?.name ?? '';
  const regionName = (id: number | null) => regions.find((r) => r.id === id)?.name ?? '';
  const toggle = async (u: UserSummary, disabled: boolean) => {
    try {
      await api.patch(`/users/${u.id}`, { disabled });
      message.success(disabled ? `已停用 ${u.displayName}` : `已启用 ${u.displayName}`);
      reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setCreating(true)} style={{ marginBottom: 12 }}>新建用户</Button>
      <Table<UserSummary>
        rowKey="id"
        size="small"
        loading={users === null}
        dataSource={users ?? []}
        pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', render: (r: Role) => <Tag>{ROLE_LABELS[r]}</Tag> },
          { title: '单位 / 地区', key: 'where', render: (_: unknown, u) => orgName(u.orgId) || regionName(u.regionId) },
          { title: '启用', dataIndex: 'disabled', render: (d: boolean, u) => <Switch checked={!d} onChange={(on) => void toggle(u, !on)} aria-label={`启用 ${u.username}`} /> },
          { title: '', key: 'pw', render: (_: unknown, u) => <Button size="small" onClick={() => setResetting(u)}>重置密码</Button> },
        ]}
      />
      {creating && <UserDialog orgs={orgs} regions={regions} onClose={() => setCreating(false)} onDone={() => { setCreating(false); reload(); }} />}
      {resetting && <ResetDialog user={resetting} onClose={() => setResetting(null)} />}
    </>
  );
}

function UserDialog({ orgs, regions, onClose, onDone }: { orgs: Organisation[]; regions: Region[]; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form) as Role | undefined;
  const submit = async () => {
    const v = (await form.validateFields().catch(() => null)) as { username: string; displayName: string; password: string; role: Role; orgId?: number; regionId?: number } | null;
    if (!v) return;
    try {
      await api.post('/users', { ...v, orgId: v.orgId ?? null, regionId: v.regionId ?? null });
      onDone();
    } catch (e) {
      setError(messageOf(e));
      applyFieldErrors(form, e);
    }
  };
  return (
    <Modal open title="新建用户" okText="新建" cancelText="取消" onOk={() => void submit()} onCancel={onClose}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ role: 'filler' }}>
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}><Input /></Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}><Input /></Form.Item>
        <Form.Item name="password" label="初始密码" rules={[{ required: true, message: '请填写初始密码' }]}><Input.Password autoComplete="new-password" /></Form.Item>
        <Form.Item name="role" label="角色"><Select options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} /></Form.Item>
        {(role === 'filler' || role === 'unit_reviewer') && (
          <Form.Item name="orgId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
        )}
        {role === 'finance_reviewer' && (
          <Form.Item name="regionId" label="负责的地区" rules={[{ required: true, message: '请选择地区' }]}>
            <Select options={regions.map((r) => ({ value: r.id, label: `${r.name}（${r.level}）` }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ResetDialog({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await api.patch(`/users/${user.id}`, { password: v.password });
      message.success(`已重置 ${user.displayName} 的密码`);
      onClose();
    } catch (e) {
      setError(messageOf(e));
      applyFieldErrors(form, e);
    }
  };
  return (
    <Modal open title={`重置密码：${user.displayName}`} okText="重置" cancelText="取消" onOk={() => void submit()} onCancel={onClose}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="password" label="新密码" rules={[{ required: true, message: '请填写新密码' }]}><Input.Password autoComplete="new-password" /></Form.Item>
      </Form>
    </Modal>
  );
}

function OrgsTab({ orgs, regions, reload }: { orgs: Organisation[]; regions: Region[]; reload: () => void }) {
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = (await form.validateFields().catch(() => null)) as { code: string; name: string; kind: '部门' | '单位'; parentId?: number; regionId: number } | null;
    if (!v) return;
    try {
      await api.post('/organisations', { ...v, parentId: v.parentId ?? null });
      setCreating(false);
      form.resetFields();
      reload();
    } catch (e) {
      setError(messageOf(e));
      applyFieldErrors(form, e);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setCreating(true)} style={{ marginBottom: 12 }}>新建单位</Button>
      <Table<Organisation>
        rowKey="id"
        size="small"
        dataSource={orgs}
        pagination={false}
        columns={[
          { title: '编码', dataIndex: 'code', width: 120 },
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', width: 80 },
          { title: '上级', dataIndex: 'parentId', render: (id: number | null) => orgs.find((o) => o.id === id)?.name ?? '' },
          { title: '地区', dataIndex: 'regionId', render: (id: number) => regions.find((r) => r.id === id)?.name ?? '' },
        ]}
      />
      <Modal open={creating} title="新建单位" okText="新建" cancelText="取消" onOk={() => void submit()} onCancel={() => setCreating(false)}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" initialValues={{ kind: '单位' }}>
          <Form.Item name="code" label="单位编码" rules={[{ required: true, message: '请填写单位编码' }]}><Input /></Form.Item>
          <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }]}><Input /></Form.Item>
          <Form.Item name="kind" label="类型"><Select options={[{ value: '部门', label: '部门（主管部门）' }, { value: '单位', label: '单位' }]} /></Form.Item>
          <Form.Item name="parentId" label="上级部门"><Select allowClear options={orgs.filter((o) => o.kind === '部门').map((o) => ({ value: o.id, label: o.name }))} /></Form.Item>
          <Form.Item name="regionId" label="地区" rules={[{ required: true, message: '请选择地区' }]}><Select options={regions.map((r) => ({ value: r.id, label: `${r.name}（${r.level}）` }))} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
