/**
 * Who may see, edit and act on what.
 *
 * - 填报人 and 单位审核人 see their own unit only.
 * - 财政审核人 see the units of their region and of every region below it.
 * - 管理员 manage organisations and users and may view everything, but take no
 *   workflow action and edit no dataset.
 *
 * One rule for records outside a user's reach: a record that exists but that
 * this user may not see or change is 403 (forbidden); 404 means the record does
 * not exist at all. Lists only ever contain what the user may see.
 */
import { TRANSITIONS, EDITABLE, type Action, type Role } from '../api/contract.js';
import type { DatasetRecord, Store, UserRecord } from '../store/types.js';
import { AppError, forbidden } from './errors.js';

export type Actor = UserRecord;

/** The organisation ids this user may see, or null for every organisation (管理员). */
export async function visibleOrgIds(store: Store, user: Actor): Promise<number[] | null> {
  switch (user.role) {
    case 'admin':
      return null;
    case 'filler':
    case 'unit_reviewer':
      return user.orgId === null ? [] : [user.orgId];
    case 'finance_reviewer': {
      if (user.regionId === null) return [];
      const regionIds = await store.regionSubtree(user.regionId);
      return (await store.listOrganisations({ regionIds })).map((o) => o.id);
    }
  }
}

/** Whether the user may see the organisation's datasets, bundles and comments. */
export async function canViewOrg(store: Store, user: Actor, orgId: number): Promise<boolean> {
  if (user.role === 'admin') return true;
  if (user.role === 'filler' || user.role === 'unit_reviewer') return user.orgId === orgId;
  if (user.regionId === null) return false;
  const org = await store.getOrganisation(orgId);
  if (!org) return false;
  return (await store.regionSubtree(user.regionId)).includes(org.regionId);
}

export function requireRole(user: Actor, ...roles: Role[]): void {
  if (!roles.includes(user.role)) throw forbidden();
}

/** The dataset, when it exists (404) and the user may see it (403). */
export async function viewableDataset(store: Store, user: Actor, id: number): Promise<DatasetRecord> {
  const d = await store.getDataset(id);
  if (!d) throw new AppError('not_found', '数据集不存在');
  if (!(await canViewOrg(store, user, d.orgId))) throw forbidden('您无权查看该单位的数据');
  return d;
}

/** Whether the user may save a new version of the dataset now. */
export function canEdit(user: Actor, d: DatasetRecord): boolean {
  return user.role === 'filler' && user.orgId === d.orgId && EDITABLE.includes(d.status);
}

/** The actions the user may take on the dataset now (the caller has checked that they can see it). */
export function allowedActions(user: Actor, d: DatasetRecord): Action[] {
  return (Object.keys(TRANSITIONS) as Action[]).filter((a) => {
    const t = TRANSITIONS[a];
    if (t.role !== user.role || !t.from.includes(d.status)) return false;
    // 填报人 and 单位审核人 act on their own unit only; a 财政审核人 sees only their regions' units.
    return user.role === 'finance_reviewer' || user.orgId === d.orgId;
  });
}
