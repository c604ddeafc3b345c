/**
 * One browser per batch (issue 16): the main thread owns it and prints the
 * HTML its worker threads send (protocol.ts: `print` → `printed`), so a PDF
 * batch on N workers starts one Chromium, not N, and a batch that prints no
 * PDF starts none. The workers still do everything else: the HTML, the 目录
 * passes (reading each printing's page numbers) and writing the files.
 */
import type { Worker } from 'node:worker_threads';
import { UserError } from '../app/effects.js';
import type { HtmlPrinter, PrintHtml, PrintPage } from '../render/pdf/index.js';
import type { Printed, ToWorker } from './protocol.js';

/** The main thread's side: a browser launched on the first request, with a page per worker. */
export class BatchPrinter {
  private printer?: Promise<HtmlPrinter>;
  private launches = 0;

  /** `pages`: printings at once, one per worker (the renderer keeps it within 1–4). */
  constructor(private readonly pages: number) {}

  /** Browsers launched so far (0 or 1); for tests and the bench. */
  get launched(): number {
    return this.launches;
  }

  /** Prints a worker's request and replies to it; never throws. */
  handle(worker: Worker, id: number, page: PrintPage): void {
    const reply = (m: Printed, transfer: ArrayBuffer[] = []) => {
      try {
        worker.postMessage(m satisfies ToWorker, transfer);
      } catch {
        // The worker is gone (it died with the file in hand): nobody waits for this reply.
      }
    };
    this.launch().then(
      (printer) =>
        printer.withPage((print) => print(page)).then(
          (pdf) => {
            const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? pdf : pdf.slice();
            reply({ kind: 'printed', id, pdf: own }, [own.buffer as ArrayBuffer]);
          },
          (e: unknown) => reply({ kind: 'printed', id, error: e instanceof Error ? e.message : String(e), user: false }),
        ),
      (e: unknown) => reply({ kind: 'printed', id, error: e instanceof Error ? e.message : String(e), user: true }),
    );
  }

  private launch(): Promise<HtmlPrinter> {
    this.printer ??= (async () => {
      this.launches++;
      const { launchHtmlPrinter } = await import('../render/pdf/index.js');
      return launchHtmlPrinter({ pages: this.pages });
    })();
    return this.printer;
  }

  /** Closes the browser, if one was launched. */
  async close(): Promise<void> {
    const p = await this.printer?.catch(() => undefined);
    await p?.close();
  }
}

/**
 * A worker's side: `print` sends the page (HTML and fonts) to the main thread and resolves
 * with its reply, which the worker passes to `settle`. A browser that could
 * not be started is a UserError (as when a runner starts its own).
 */
export function printClient(send: (m: { kind: 'print'; id: number; page: PrintPage }) => void): { print: PrintHtml; settle(m: Printed): void } {
  let seq = 0;
  const pending = new Map<number, { resolve(pdf: Uint8Array): void; reject(e: Error): void }>();
  return {
    print: (page) =>
      new Promise<Uint8Array>((resolve, reject) => {
        const id = ++seq;
        pending.set(id, { resolve, reject });
        send({ kind: 'print', id, page });
      }),
    settle(m) {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if ('pdf' in m) p.resolve(m.pdf);
      else p.reject(m.user ? new UserError(m.error) : new Error(m.error));
    },
  };
}
