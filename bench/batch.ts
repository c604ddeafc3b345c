/**
 * The 1,000-unit batch of `npm run bench`, in a process of its own so its
 * peak memory is its own: check + HTML + DOCX + XLSX of every dataset in a
 * folder, on all cores. Prints one JSON line: seconds, peak RSS, counts and
 * the failed files with their reasons.
 *
 *   node --import tsx bench/batch.ts <folder> <out-folder>
 */
import { expandInputs, runBatch } from '../src/batch/index.js';

const [dir, outDir] = process.argv.slice(2);
if (!dir || !outDir) throw new Error('usage: bench/batch.ts <folder> <out-folder>');
const files = expandInputs([dir]);
let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
const b = await runBatch({ task: 'render', options: { outDir, formats: ['html', 'docx', 'xlsx'] }, files });
clearInterval(sample);
// maxRSS (KiB) is the kernel's peak for the whole process, every worker thread included.
const peakRssMb = Math.max(peak / 2 ** 20, process.resourceUsage().maxRSS / 1024);
const failed = b.results.filter((r) => r.exitCode !== 0).map((r) => ({ file: r.file, exitCode: r.exitCode, reason: (r.reason ?? '').split('\n').slice(0, 2).map((l) => l.trim()).join(' ') }));
process.stdout.write(`${JSON.stringify({ seconds: b.ms / 1000, peakRssMb, files: files.length, jobs: b.jobs, failed })}\n`);
