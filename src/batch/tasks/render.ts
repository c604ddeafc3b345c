/** Batch `render`: each dataset into the chosen formats; one browser per worker when PDF is asked for. */
import { nodeEffects } from '../../cli/effects.js';
import { RenderSession, renderCommand, type RenderCommandOptions } from '../../cli/render.js';
import type { BatchTask, FileOutcome } from '../task.js';
import { failure } from './outcome.js';

/** A batch runner's session: one PDF page, since the workers already use every core. */
export function batchRenderSession(): RenderSession {
  return new RenderSession({ pages: 1 });
}

export const renderTask: BatchTask = (options) => {
  const o = options as RenderCommandOptions;
  const session = batchRenderSession();
  return {
    async run(file): Promise<FileOutcome> {
      try {
        const written = await renderCommand(file, o, nodeEffects, session);
        return { exitCode: 0, out: written, counts: { files: written.length } };
      } catch (e) {
        return failure(e);
      }
    },
    close: () => session.close(),
  };
};
