/**
 * Batch progress on standard error: a bar redrawn in place on a terminal;
 * elsewhere (logs, CI) one plain line at every 10%, so logs stay short.
 */
export interface ProgressStream {
  isTTY?: boolean;
  write(s: string): unknown;
}

export interface Progress {
  update(done: number, failed: number): void;
  /** Clears the bar (a terminal) so the summary starts on a clean line. */
  end(): void;
}

const WIDTH = 30;

export function createProgress(total: number, label: string, stream: ProgressStream, now: () => number = () => performance.now()): Progress {
  const t0 = now();
  let lastTenth = 0;
  let lastDraw = -Infinity;
  let drawn = false;
  const seconds = () => ((now() - t0) / 1000).toFixed(1);
  return {
    update(done, failed) {
      if (total === 0) return;
      const fail = failed > 0 ? `，失败 ${failed}` : '';
      if (stream.isTTY) {
        // Redraw at most ~20 times a second, and always at the end.
        const t = now();
        if (done < total && t - lastDraw < 50) return;
        lastDraw = t;
        const filled = Math.round((done / total) * WIDTH);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total}${fail}，${seconds()} 秒\x1b[K`);
        drawn = true;
        return;
      }
      const tenth = Math.floor((done * 10) / total);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${label}：${tenth * 10}%（${done}/${total}${fail}），${seconds()} 秒\n`);
      }
    },
    end() {
      if (drawn) stream.write('\n');
    },
  };
}
