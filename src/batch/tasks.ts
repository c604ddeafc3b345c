/**
 * The task registry: name → a loader of the task. The worker looks tasks up
 * here, so adding a batch command (audit, extract …) is one entry. Tasks are
 * loaded when a batch runs them, and only the one it runs: the coordinating
 * thread of a batch on workers loads none (the workers do the work), and an
 * audit worker never loads the renderers.
 */
import type { BatchTask } from './task.js';

export const TASKS: Readonly<Record<string, () => Promise<BatchTask>>> = {
  audit: async () => (await import('./tasks/audit.js')).auditTask,
  check: async () => (await import('./tasks/check.js')).checkTask,
  render: async () => (await import('./tasks/render.js')).renderTask,
};

/** The task of that name; throws for a name not in TASKS. */
export async function loadTask(name: string): Promise<BatchTask> {
  const load = Object.hasOwn(TASKS, name) ? TASKS[name] : undefined;
  if (!load) throw new Error(`unknown batch task: ${name}`);
  return load();
}

/** Whether the task, with these options, prints PDFs (a `render` asked for pdf): such a batch wants its workers (defaultJobs). */
export function printsPdf(task: string, options: unknown): boolean {
  const formats = (options as { formats?: unknown } | null)?.formats;
  return task === 'render' && Array.isArray(formats) && formats.includes('pdf');
}
