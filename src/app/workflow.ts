/**
 * Workflow actions (contract TRANSITIONS): who may take each, from which
 * state, what each needs. Every transition goes through `store.transition`,
 * which records who, when, from, to and the comment. Publishing only enqueues
 * a 'publish' job: the worker renders the final bundle, stores it and then
 * moves the dataset to published, so a failed render never marks it published.
 */
import {
  ACTION_LABELS, STATUS_LABELS, TRANSITIONS, explanationKey, type Action, type DatasetDetail, type Job, type JobKind, type JobStatus,
} from '../api/contract.js';
import { StateConflict, type JobRecord, type Store } from '../store/types.js';
import { allowedActions, viewableDataset, type Actor } from './access.js';
import { addComment, commentProblem, detailOf } from './datasets.js';
import { AppError, badRequest, forbidden } from './errors.js';

export interface ActionInput {
  comment?: string | null;
  /** Written explanations of warnings, keyed by `explanationKey(finding)`; merged over the stored ones. */
  explanations?: Record<string, string>;
  /** 更正说明: required when publishing a correction (edition 2 on). */
  correctionNote?: string | null;
  /** Comments on single fields, sent with a return. */
  fieldComments?: { path: string; body: string }[];
}

export type ActionResult = { kind: 'detail'; detail: DatasetDetail } | { kind: 'job'; job: Job };

export const MAX_EXPLANATION_CHARS = 2000;

export function jobOf(j: JobRecord): Job {
  return {
    id: j.id, kind: j.kind as JobKind, status: j.status as JobStatus, progress: j.progress, stage: j.stage, error: j.error,
    result: (j.result as Job['result']) ?? null, createdAt: j.createdAt, finishedAt: j.finishedAt,
  };
}

export async function act(store: Store, user: Actor, id: number, action: Action, input: ActionInput): Promise<ActionResult> {
  const t = TRANSITIONS[action];
  const d = await viewableDataset(store, user, id);
  if (t.role !== user.role) throw forbidden(`您的角色不能执行“${ACTION_LABELS[action]}”`);
  if (!t.from.includes(d.status)) {
    throw new AppError('conflict', `当前状态为“${STATUS_LABELS[d.status]}”，不能执行“${ACTION_LABELS[action]}”`);
  }
  if (!allowedActions(user, d).includes(action)) throw forbidden(`您不能对该单位的数据执行“${ACTION_LABELS[action]}”`);
  const comment = input.comment?.trim() || null;
  if (comment !== null) {
    const problem = commentProblem(comment);
    if (problem) throw badRequest(problem, { comment: problem });
  }

  let explanations: Record<string, string> | undefined;
  if (action === 'submit') {
    const v = await store.getVersion(d.id, d.version);
    if (!v) throw new AppError('not_found', '数据集的版本不存在');
    const merged: Record<string, string> = { ...d.explanations };
    for (const [k, text] of Object.entries(input.explanations ?? {})) {
      if ([...text].length > MAX_EXPLANATION_CHARS) throw badRequest(`说明最多${MAX_EXPLANATION_CHARS}个字符`, { [k]: `说明最多${MAX_EXPLANATION_CHARS}个字符` });
      if (text.trim() === '') delete merged[k];
      else merged[k] = text.trim();
    }
    const fields: Record<string, string> = {};
    const errors = v.findings.filter((f) => f.severity === 'error');
    for (const f of errors) fields[f.location || 'data'] = f.message;
    const unexplained = v.findings.filter((f) => f.severity === 'warning' && !merged[explanationKey(f)]);
    for (const f of unexplained) fields[explanationKey(f)] = `请说明：${f.message}`;
    if (errors.length || unexplained.length) {
      const parts = [errors.length ? `还有 ${errors.length} 个错误` : '', unexplained.length ? `${unexplained.length} 个警告未填写说明` : ''].filter(Boolean);
      throw new AppError('not_passing', `不能提交：${parts.join('，')}`, fields);
    }
    // Keep only the explanations of this version's warnings.
    const keys = new Set(v.findings.filter((f) => f.severity === 'warning').map(explanationKey));
    explanations = Object.fromEntries(Object.entries(merged).filter(([k]) => keys.has(k)));
  }

  if ((action === 'unit_return' || action === 'finance_return') && comment === null) {
    throw badRequest('退回时请填写退回意见', { comment: '退回时请填写退回意见' });
  }
  const fieldComments = input.fieldComments ?? [];
  if (fieldComments.length && action !== 'unit_return' && action !== 'finance_return') {
    throw badRequest('只有退回时可以附带对具体项目的意见', { fieldComments: '只有退回时可以附带对具体项目的意见' });
  }
  fieldComments.forEach((c, i) => {
    const problem = commentProblem(c.body);
    if (problem) throw badRequest(problem, { [`fieldComments[${i}].body`]: problem });
  });

  if (action === 'publish') {
    // The worker refuses a version that does not pass; say so now rather than through a failed job.
    const v = await store.getVersion(d.id, d.version);
    const errors = v?.findings.filter((f) => f.severity === 'error') ?? [];
    if (errors.length) {
      throw new AppError('not_passing', `不能公开：第${d.version}版还有 ${errors.length} 个错误`, Object.fromEntries(errors.map((f) => [f.location || 'data', f.message])));
    }
    const previous = await store.listBundles({ datasetId: d.id });
    const correctionNote = input.correctionNote?.trim() || null;
    if (previous.length > 0 && correctionNote === null) {
      throw badRequest('更正后重新公开时请填写更正说明', { correctionNote: '更正后重新公开时请填写更正说明' });
    }
    const job = await store.enqueueJob({
      kind: 'publish',
      payload: { datasetId: d.id, version: d.version, userId: user.id, correctionNote },
      requestedBy: user.id,
    });
    return { kind: 'job', job: jobOf(job) };
  }

  try {
    const next = await store.transition(d.id, {
      from: t.from, to: t.to, action, userId: user.id, comment, ...(explanations ? { explanations } : {}),
    });
    for (const c of fieldComments) await addComment(store, user, d.id, c);
    return { kind: 'detail', detail: await detailOf(store, user, next) };
  } catch (e) {
    if (e instanceof StateConflict) {
      throw new AppError('conflict', `状态已变为“${STATUS_LABELS[e.current]}”，不能执行“${ACTION_LABELS[action]}”，请刷新后重试`);
    }
    throw e;
  }
}
