/** Render jobs, their files, and published bundles, as each user may see them. */
import type { Bundle, BundleFile, Job } from '../api/contract.js';
import type { Store } from '../store/types.js';
import { canViewOrg, viewableDataset, visibleOrgIds, type Actor } from './access.js';
import { AppError, badRequest, forbidden } from './errors.js';
import { jobOf } from './workflow.js';

export const RENDER_FORMATS = ['pdf', 'docx', 'xlsx', 'html'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

/** Enqueues a render of the dataset's latest version (draft-marked when it does not pass). */
export async function requestRender(store: Store, user: Actor, id: number, format: string): Promise<Job> {
  if (!(RENDER_FORMATS as readonly string[]).includes(format)) {
    throw badRequest(`不支持的格式“${format}”；可选：${RENDER_FORMATS.join('、')}`, { format: `应为以下之一：${RENDER_FORMATS.join('、')}` });
  }
  const d = await viewableDataset(store, user, id);
  const job = await store.enqueueJob({ kind: 'render', payload: { datasetId: d.id, version: d.version, format, userId: user.id }, requestedBy: user.id });
  return jobOf(job);
}

/** A job: the requester's own, or any for 管理员 (403 otherwise, 404 when there is none). */
export async function getJob(store: Store, user: Actor, id: number): Promise<Job> {
  const j = await store.getJob(id);
  if (!j) throw new AppError('not_found', '任务不存在');
  if (j.requestedBy !== user.id && user.role !== 'admin') throw forbidden('这不是您发起的任务');
  return jobOf(j);
}

export async function getJobFile(store: Store, user: Actor, id: number, name: string): Promise<BundleFile & { data: Uint8Array }> {
  await getJob(store, user, id);
  const f = await store.getJobFile(id, name);
  if (!f) throw new AppError('not_found', `文件“${name}”不存在`);
  return f;
}

export async function listBundles(store: Store, user: Actor, filter: { datasetId?: number }): Promise<Bundle[]> {
  if (filter.datasetId !== undefined) {
    await viewableDataset(store, user, filter.datasetId);
    return store.listBundles({ datasetId: filter.datasetId });
  }
  const orgIds = await visibleOrgIds(store, user);
  if (orgIds === null) return store.listBundles({});
  return orgIds.length ? store.listBundles({ orgIds }) : [];
}

export async function getBundleFile(store: Store, user: Actor, bundleId: number, name: string): Promise<BundleFile & { data: Uint8Array }> {
  const b = await store.getBundle(bundleId);
  if (!b) throw new AppError('not_found', '公开文件包不存在');
  const d = await store.getDataset(b.datasetId);
  if (!d || !(await canViewOrg(store, user, d.orgId))) throw forbidden('您无权查看该单位的公开文件');
  const f = await store.getBundleFile(bundleId, name);
  if (!f) throw new AppError('not_found', `文件“${name}”不存在`);
  return f;
}
