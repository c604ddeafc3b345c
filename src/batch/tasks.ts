/**
 * The task registry: name → task. The worker looks tasks up here, so adding a
 * batch command (audit, extract …) is one entry.
 */
import { auditTask } from './tasks/audit.js';
import { checkTask } from './tasks/check.js';
import { renderTask } from './tasks/render.js';
import type { BatchTask } from './task.js';

export const TASKS: Readonly<Record<string, BatchTask>> = {
  audit: auditTask,
  check: checkTask,
  render: renderTask,
};
