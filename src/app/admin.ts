/** Organisations and user accounts: listed by who may see them, managed by 管理员. */
import type { Organisation, Role, UserSummary } from '../api/contract.js';
import { ROLE_LABELS } from '../api/contract.js';
import { Duplicate, type Store, type UserRecord } from '../store/types.js';
import { requireRole, visibleOrgIds, type Actor } from './access.js';
import { hashPassword, passwordProblem } from './auth.js';
import { AppError, badRequest } from './errors.js';

export function userSummary(u: UserRecord): UserSummary {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, orgId: u.orgId, regionId: u.regionId, disabled: u.disabled };
}

export async function listOrganisations(store: Store, user: Actor): Promise<Organisation[]> {
  const ids = await visibleOrgIds(store, user);
  if (ids === null) return store.listOrganisations();
  return ids.length ? store.listOrganisations({ ids }) : [];
}

export async function addOrganisation(store: Store, user: Actor, o: Omit<Organisation, 'id'>): Promise<Organisation> {
  requireRole(user, 'admin');
  const fields: Record<string, string> = {};
  if (o.code.trim() === '') fields.code = '不能为空';
  if (o.name.trim() === '') fields.name = '不能为空';
  const regions = await store.listRegions();
  if (!regions.some((r) => r.id === o.regionId)) fields.regionId = '所属地区不存在';
  if (o.parentId !== null) {
    const parent = await store.getOrganisation(o.parentId);
    if (!parent) fields.parentId = '上级单位不存在';
    else if (parent.kind !== '部门') fields.parentId = '上级应为主管部门';
  }
  const first = Object.entries(fields)[0];
  if (first) throw badRequest(`${first[0]}：${first[1]}`, fields);
  try {
    return await store.addOrganisation({ ...o, code: o.code.trim(), name: o.name.trim() });
  } catch (e) {
    if (e instanceof Duplicate) throw new AppError('conflict', `单位代码“${o.code}”已存在`, { code: '已存在' });
    throw e;
  }
}

export async function listUsers(store: Store, user: Actor): Promise<UserSummary[]> {
  requireRole(user, 'admin');
  return (await store.listUsers()).map(userSummary);
}

/** The org or region a role needs (Chinese field messages when missing or unknown). */
async function scopeProblems(store: Store, role: Role, orgId: number | null, regionId: number | null): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  if (role === 'filler' || role === 'unit_reviewer') {
    if (orgId === null) fields.orgId = `${ROLE_LABELS[role]}须指定所属单位`;
    else if (!(await store.getOrganisation(orgId))) fields.orgId = '所属单位不存在';
    if (regionId !== null) fields.regionId = `${ROLE_LABELS[role]}不指定地区（按所属单位）`;
  } else if (role === 'finance_reviewer') {
    if (regionId === null) fields.regionId = '财政审核人须指定负责的地区';
    else if (!(await store.listRegions()).some((r) => r.id === regionId)) fields.regionId = '地区不存在';
    if (orgId !== null) fields.orgId = '财政审核人不指定所属单位';
  } else {
    if (orgId !== null) fields.orgId = '管理员不指定所属单位';
    if (regionId !== null) fields.regionId = '管理员不指定地区';
  }
  return fields;
}

function throwFields(fields: Record<string, string>): void {
  const first = Object.entries(fields)[0];
  if (first) throw badRequest(first[1], fields);
}

export const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$/;

export async function addUser(
  store: Store, user: Actor | null,
  u: { username: string; displayName: string; password: string; role: Role; orgId: number | null; regionId: number | null },
): Promise<UserSummary> {
  // null: the operator at the command line (`juesuan user add`).
  if (user) requireRole(user, 'admin');
  const fields: Record<string, string> = {};
  if (!USERNAME.test(u.username)) fields.username = '用户名应为2至64个字母、数字或 _ . -，以字母或数字开头';
  if (u.displayName.trim() === '') fields.displayName = '姓名不能为空';
  const pw = passwordProblem(u.password);
  if (pw) fields.password = pw;
  Object.assign(fields, await scopeProblems(store, u.role, u.orgId, u.regionId));
  throwFields(fields);
  try {
    return userSummary(await store.addUser({
      username: u.username, displayName: u.displayName.trim(), role: u.role, orgId: u.orgId, regionId: u.regionId,
      passwordHash: await hashPassword(u.password),
    }));
  } catch (e) {
    if (e instanceof Duplicate) throw new AppError('conflict', `用户名“${u.username}”已存在`, { username: '已存在' });
    throw e;
  }
}

export async function updateUser(
  store: Store, user: Actor, id: number,
  patch: { displayName?: string; password?: string; role?: Role; orgId?: number | null; regionId?: number | null; disabled?: boolean },
): Promise<UserSummary> {
  requireRole(user, 'admin');
  const current = await store.getUser(id);
  if (!current) throw new AppError('not_found', '用户不存在');
  const fields: Record<string, string> = {};
  if (patch.displayName !== undefined && patch.displayName.trim() === '') fields.displayName = '姓名不能为空';
  if (patch.password !== undefined) {
    const pw = passwordProblem(patch.password);
    if (pw) fields.password = pw;
  }
  if (id === user.id && patch.disabled) fields.disabled = '不能停用自己的账号';
  if (id === user.id && patch.role !== undefined && patch.role !== 'admin') fields.role = '不能取消自己的管理员角色';
  const role = patch.role ?? current.role;
  if (patch.role !== undefined || patch.orgId !== undefined || patch.regionId !== undefined) {
    Object.assign(fields, await scopeProblems(store, role, patch.orgId !== undefined ? patch.orgId : current.orgId, patch.regionId !== undefined ? patch.regionId : current.regionId));
  }
  throwFields(fields);
  const updated = await store.updateUser(id, {
    ...(patch.displayName !== undefined ? { displayName: patch.displayName.trim() } : {}),
    ...(patch.password !== undefined ? { passwordHash: await hashPassword(patch.password) } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.orgId !== undefined ? { orgId: patch.orgId } : {}),
    ...(patch.regionId !== undefined ? { regionId: patch.regionId } : {}),
    ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
  });
  if (!updated) throw new AppError('not_found', '用户不存在');
  return userSummary(updated);
}
