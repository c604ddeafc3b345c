/** Batch `render`: each dataset into the chosen formats; one browser per worker when PDF is asked for. */
import { nodeEffects } from '../../app/effects.js';
import { RenderSession, renderFileToFolder, type RenderFileOptions } from '../../app/render.js';
import type { BatchTask, FileOutcome } from '../task.js';
import { failure } from './outcome.js';

/** A batch runner's session: one PDF page, since the workers already use every core. */
export function batchRenderSession(): RenderSession {
  return new RenderSession({ pages: 1 });
}

export const renderTask: BatchTask = (options) => {
  const o = options as RenderFileOptions;
  const session = batchRenderSession();
  return {
    async run(file): Promise<FileOutcome> {
      try {
        const r = await renderFileToFolder(file, o, nodeEffects, session);
        const note = r.final ? [] : [`${file}：草稿（${r.missing.length} 项待补齐或改正）`];
        return { exitCode: 0, out: [...r.written, ...note], counts: { files: r.written.length, ...(r.final ? {} : { drafts: 1 }) } };
      } catch (e) {
        return failure(e);
      }
    },
    close: () => session.close(),
  };
};
