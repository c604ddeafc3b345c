/**
 * Batch `render`: each dataset into the chosen formats. PDFs print in the
 * batch's one browser when the batch gives a printer (on worker threads);
 * in one thread the runner starts a browser of its own on first use.
 */
import { nodeEffects, UserError } from '../../app/effects.js';
import { RenderSession, renderFileToFolder, type RenderFileOptions } from '../../app/render.js';
import type { PdfRenderer, PrintHtml } from '../../render/pdf/index.js';
import type { BatchTask, FileOutcome } from '../task.js';
import { failure } from './outcome.js';

/** A batch runner's session: one PDF page, since the workers already use every core. */
export function batchRenderSession(): RenderSession {
  return new RenderSession({ pages: 1 });
}

/** A session whose PDFs print through `print` (the batch's browser, in another thread): it launches nothing and owns nothing. */
export class SharedBrowserSession extends RenderSession {
  private renderer?: Promise<PdfRenderer>;

  constructor(private readonly print: PrintHtml) {
    super({ pages: 1 });
  }

  override pdfRenderer(): Promise<PdfRenderer> {
    const print = this.print;
    this.renderer ??= import('../../render/pdf/index.js')
      .then((m) => m.pdfRendererOn({ pages: 1, openPages: () => 0, withPage: (f) => f(print), close: async () => {} }))
      .catch((e: unknown) => {
        throw new UserError(e instanceof Error ? e.message : String(e));
      });
    return this.renderer;
  }

  override async close(): Promise<void> {}
}

export const renderTask: BatchTask = (options, context = {}) => {
  const o = options as RenderFileOptions;
  const session = context.print ? new SharedBrowserSession(context.print) : batchRenderSession();
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
