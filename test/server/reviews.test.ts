// Reviewing reports published outside the system (issue 14 part 6): a 财政审核人 uploads files (several, or a zip),
// each is audited by its own job; a bad file fails alone with a Chinese reason; the findings' quotes are offsets in
// the stored text; who sees which batch; size, type and zip-bomb limits; the XLSX of all findings; on both engines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteContext, type ReviewBatch, type ReviewBatchSummary, type ReviewFileDetail } from '../../src/api/contract.js';
import { startWorker } from '../../src/worker/index.js';
import { zip } from '../../src/render/ooxml/zip.js';
import { ENGINES, makeWorld, type World } from './helpers.js';

const SEEDS = join(import.meta.dirname, '..', 'fixtures', 'seeds');
const seed = (name: string) => readFileSync(join(SEEDS, name));

/** A multipart body with several files in the field `files`. */
function form(files: { name: string; data: Buffer }[], fields: Record<string, string> = {}) {
  const boundary = '----juesuanreviewtest';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A zip whose one entry claims to unpack to 200 MB (a zip bomb's central directory). */
function bomb(): Buffer {
  const z = Buffer.from(zip([{ name: 'huge.txt', data: 'x' }]));
  // Patch the central directory's uncompressed size of the entry to 200 MB.
  const cd = z.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  z.writeUInt32LE(200 * 1024 * 1024, cd + 24);
  return z;
}

describe.each(ENGINES)('reviewing others’ reports on %s', (engine) => {
  let world: World;
  let batch: ReviewBatch;

  beforeAll(async () => {
    world = await makeWorld(engine);
  });
  afterAll(async () => world?.close());

  const upload = async (who: 'financeA' | 'financeB' | 'admin', files: { name: string; data: Buffer }[], fields?: Record<string, string>) => {
    const c = await world.as(who);
    const f = form(files, fields);
    return c.request('POST', '/api/reviews', undefined, { payload: f.payload, headers: f.headers });
  };

  it('uploads the two seed texts and a zip (a report, a broken PDF, a picture): each report a job, the picture skipped', async () => {
    const inner = Buffer.from(zip([
      { name: '报告/昭化2022.txt', data: seed('zhaohua-zfw-2022.txt').toString('utf8') },
      { name: '报告/坏文件.pdf', data: '%PDF-1.7 这不是真正的 PDF' },
      { name: '报告/照片.jpg', data: 'JPEG' },
      { name: '__MACOSX/._x.txt', data: 'junk' },
    ]));
    const res = await upload('financeA', [
      { name: 'zhaohua-zfw-2022.txt', data: seed('zhaohua-zfw-2022.txt') },
      { name: 'miyi-zfw-2021.txt', data: seed('miyi-zfw-2021.txt') },
      { name: '外部报告.zip', data: inner },
    ], { name: '第一批' });
    expect(res.statusCode, res.body).toBe(202);
    batch = res.json<ReviewBatch>();
    expect(batch.name).toBe('第一批');
    expect(batch.files.map((f) => [f.name, f.status])).toEqual([
      ['zhaohua-zfw-2022.txt', 'queued'], ['miyi-zfw-2021.txt', 'queued'], ['外部报告.zip/报告/昭化2022.txt', 'queued'], ['外部报告.zip/报告/坏文件.pdf', 'queued'],
    ]);
    expect(batch.skipped).toEqual([{ name: '外部报告.zip/报告/照片.jpg', reason: '不是可审核的报告（只接受 .pdf、.docx、.html、.htm、.txt）' }]);
    expect(batch.region).toBe('清江县');
  });

  it('the worker audits each file; the broken one fails alone with the reader’s Chinese reason', async () => {
    const worker = startWorker(world.store, { autostart: false, log: () => {} });
    expect(await worker.drain()).toBe(4);
    await worker.stop();
    const c = await world.as('financeA');
    const b = (await c.get(`/api/reviews/${batch.id}`)).json<ReviewBatch>();
    expect(b.files.map((f) => f.status)).toEqual(['done', 'done', 'done', 'failed']);
    expect(b.files[3]!.error).toMatch(/^无法读取“坏文件\.pdf”：/u);
    expect(b.files[0]!.errors).toBeGreaterThan(5);
    expect(b.files[0]!.unit).toBeTruthy();
    expect(b.done).toBe(3);
    expect(b.failed).toBe(1);
  });

  it('each finding’s quotes are exact offsets into the stored text; the seed contradictions are there', async () => {
    const c = await world.as('financeA');
    const f = (await c.get(`/api/reviews/${batch.id}/files/${batch.files[0]!.id}`)).json<ReviewFileDetail>();
    expect(f.text.length).toBeGreaterThan(10_000);
    for (const x of f.findings) for (const q of x.quotes) expect(f.text.slice(q.start, q.start + q.text.length)).toBe(q.text);
    // The quote in its sentence (what the browser shows around the highlight) holds SEED_FINDINGS.md's quote.
    const has = (rule: string, fragment: string) => f.findings.some((x) => x.rule === rule && x.quotes.some((q) => {
      const c = quoteContext(f.text, q.start, q.end);
      return `${c.before}${c.quote}${c.after}`.includes(fragment);
    }));
    expect(has('TX-year', '2021年政府性基金预算财政拨款支出0万元')).toBe(true);
    expect(has('TX-template', '（项目名称）')).toBe(true);
    expect(has('TX-numbering', '5、')).toBe(true);
    const m = (await c.get(`/api/reviews/${batch.id}/files/${batch.files[1]!.id}`)).json<ReviewFileDetail>();
    expect(m.findings.some((x) => x.rule === 'TX-completion' && x.severity === 'error' && x.quotes.some((q) => {
      const c = quoteContext(m.text, q.start, q.end);
      return `${c.before}${c.quote}${c.after}`.includes('完成预算116.5%');
    }))).toBe(true);
    expect(m.findings.some((x) => x.rule === 'TX-rate' && x.severity === 'warning')).toBe(true);
    // A failed file has no text and no findings, only its reason.
    const bad = (await c.get(`/api/reviews/${batch.id}/files/${batch.files[3]!.id}`)).json<ReviewFileDetail>();
    expect([bad.status, bad.text, bad.findings]).toEqual(['failed', '', []]);
  });

  it('exports every finding as XLSX (our own writer): one row per finding, the files and the skipped one', async () => {
    const c = await world.as('financeA');
    const res = await c.get(`/api/reviews/${batch.id}/findings.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = wb.getWorksheet('问题')!.getSheetValues().slice(2) as unknown[][];
    const b = (await c.get(`/api/reviews/${batch.id}`)).json<ReviewBatch>();
    expect(rows).toHaveLength(b.errors + b.warnings);
    expect(rows.some((r) => r[5] === 'TX-year' && r[4] === '确定' && String(r[11]).includes('【2021年】国有资本经营预算财政拨款支出0万元。'))).toBe(true);
    const files = wb.getWorksheet('文件')!.getSheetValues().slice(2) as unknown[][];
    expect(files.map((r) => [r[1], r[4]])).toEqual([
      ['zhaohua-zfw-2022.txt', '已完成'], ['miyi-zfw-2021.txt', '已完成'], ['外部报告.zip/报告/昭化2022.txt', '已完成'], ['外部报告.zip/报告/坏文件.pdf', '失败'],
      ['外部报告.zip/报告/照片.jpg', '未审核'],
    ]);
  });

  it('who sees what: the uploader’s region and 管理员; another region’s reviewer gets 403 and an empty list', async () => {
    const a = await world.as('financeA');
    expect((await a.get('/api/reviews')).json<ReviewBatchSummary[]>().map((x) => x.id)).toEqual([batch.id]);
    const b = await world.as('financeB');
    expect((await b.get('/api/reviews')).json()).toEqual([]);
    for (const url of [`/api/reviews/${batch.id}`, `/api/reviews/${batch.id}/files/${batch.files[0]!.id}`, `/api/reviews/${batch.id}/findings.xlsx`]) {
      const res = await b.get(url);
      expect([url, res.statusCode, res.json().message]).toEqual([url, 403, '您无权查看其他地区上传的报告']);
    }
    const admin = await world.as('admin');
    expect((await admin.get('/api/reviews')).json<ReviewBatchSummary[]>().map((x) => x.id)).toEqual([batch.id]);
    expect((await admin.get(`/api/reviews/${batch.id}`)).statusCode).toBe(200);
    expect((await a.get('/api/reviews/999999')).statusCode).toBe(404);
    expect((await a.get(`/api/reviews/${batch.id}/files/999999`)).statusCode).toBe(404);
  });

  it('limits: a zip bomb is refused, nothing readable is 415, too large is 413, in Chinese', async () => {
    const b1 = await upload('financeA', [{ name: 'bomb.zip', data: bomb() }]);
    expect(b1.statusCode).toBe(415);
    expect(b1.json().message).toMatch(/zip 炸弹/u);
    const b2 = await upload('financeA', [{ name: 'a.exe', data: Buffer.from('MZ') }]);
    expect([b2.statusCode, b2.json().message]).toEqual([415, '没有可审核的报告：“a.exe”不支持的文件类型（只接受 .pdf、.docx、.html、.htm、.txt 或 .zip）']);
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41);
    const b3 = await upload('financeA', [{ name: 'big.txt', data: big }]);
    expect(b3.statusCode).toBe(413);
    expect(b3.json().message).toMatch(/^上传内容过大/u);
    const b4 = await upload('financeA', []);
    expect([b4.statusCode, b4.json().message]).toEqual([400, '请选择要审核的报告文件']);
    // Nothing of these was stored.
    expect((await (await world.as('financeA')).get('/api/reviews')).json<ReviewBatchSummary[]>()).toHaveLength(1);
  });

  it('stored uploads and results are append-only', async () => {
    const f = await world.store.getReviewFileOfJob(batch.files[0]!.jobId);
    expect(f?.name).toBe('zhaohua-zfw-2022.txt');
    await expect(world.store.addReviewResult(batch.files[0]!.id, {
      format: 'txt', text: '', truncated: false, pageStarts: null, unit: null, year: null, facts: 0, errors: 0, warnings: 0, findings: [],
    })).rejects.toThrow();
  });
});
