/** Batch `render`: each dataset into the chosen formats; one browser per worker when PDF is asked for. */
import { UserError, nodeEffects } from '../../cli/effects.js';
import { RenderSession, renderCommand, type RenderCommandOptions } from '../../cli/render.js';
import type { PdfRenderer } from '../../render/pdf/index.js';
import type { BatchTask, FileOutcome } from '../task.js';
import { failure } from './outcome.js';

/**
 * A batch runner's session: its browser prints on one page. The batch runs one
 * worker per core, each with a browser of its own and one document at a time,
 * so a page per core in every browser (the renderer's default) would only
 * oversubscribe the cores. Otherwise as RenderSession: the browser is started
 * on first use, and a failed start is a UserError.
 */
export class BatchRenderSession extends RenderSession {
  private onePage?: Promise<PdfRenderer>;
  override pdfRenderer(): Promise<PdfRenderer> {
    this.onePage ??= import('../../render/pdf/index.js')
      .then((m) => m.createPdfRenderer({ pages: 1 }))
      .catch((e: unknown) => {
        throw new UserError(e instanceof Error ? e.message : String(e));
      });
    return this.onePage;
  }
  override async close(): Promise<void> {
    if (this.onePage) await (await this.onePage.catch(() => undefined))?.close();
    await super.close();
  }
}

export const renderTask: BatchTask = (options) => {
  const o = options as RenderCommandOptions;
  const session = new BatchRenderSession();
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
