/** Published bundles: editions, superseded_by, checked files, immutability, on both engines. */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import type { NewBundleFile, Store } from '../../src/store/index.js';
import { engines, setupOnce } from './engines.js';
import { dataset, seed, type Seed } from './seed.js';

const file = (name: string, text: string, mediaType = 'text/html'): NewBundleFile => {
  const data = new TextEncoder().encode(text);
  return { name, mediaType, bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex'), data };
};
const binary = (name: string, size: number): NewBundleFile => {
  const data = new Uint8Array(size).map((_, i) => (i * 131 + 7) % 256);
  return { name, mediaType: 'application/pdf', bytes: size, sha256: createHash('sha256').update(data).digest('hex'), data };
};
const meta = ({ data: _data, ...rest }: NewBundleFile) => rest;

describe.each(engines())('$name: bundles', (engine) => {
  let store: Store;
  let db: Db;
  let s: Seed;
  let year = 2000;
  const fresh = () => store.createDataset({ orgId: s.org.id, year: ++year, data: dataset(year, '1.00'), findings: [], userId: s.filler.id });
  const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  setupOnce(async () => {
    ({ store, db } = await engine.openWithDb());
    s = await seed(store);
  });
  afterAll(() => engine.cleanup());

  it('stores edition 1 with its files, and hands the bytes back exactly', async () => {
    const d = await fresh();
    const html = file('2024年度部门决算公开.html', '<h1>部门决算</h1>');
    const pdf = binary('2024年度部门决算公开.pdf', 300_000);
    const b = await store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [pdf, html] });
    expect(b).toEqual({
      id: b.id, datasetId: d.id, orgName: s.org.name, year: d.year, edition: 1, datasetVersion: 1,
      publishedAt: b.publishedAt, publishedBy: '李审核', correctionNote: null, supersededBy: null,
      files: [meta(html), meta(pdf)],
    });
    expect(await store.getBundle(b.id)).toEqual(b);
    const got = await store.getBundleFile(b.id, pdf.name);
    expect({ ...got, data: undefined }).toEqual({ ...meta(pdf), data: undefined });
    expect(Buffer.compare(got!.data, pdf.data)).toBe(0); // (toEqual on 300 000 bytes takes seconds)
    expect(Object.getPrototypeOf(got!.data)).toBe(Uint8Array.prototype);
    expect(createHash('sha256').update(got!.data).digest('hex')).toBe(pdf.sha256);
    expect(await store.getBundleFile(b.id, 'nope.pdf')).toBeNull();
    expect(await store.getBundle(999_999)).toBeNull();
  });

  it('numbers corrections as editions 2, 3 … and marks each previous one superseded', async () => {
    const d = await fresh();
    const e1 = await store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [file('a.html', '一')] });
    await store.saveVersion(d.id, { baseVersion: 1, data: dataset(d.year, '2.00'), findings: [], userId: s.filler.id });
    const e2 = await store.addBundle({ datasetId: d.id, datasetVersion: 2, userId: s.reviewer.id, correctionNote: '更正收入合计', files: [file('a.html', '二')] });
    const e3 = await store.addBundle({ datasetId: d.id, datasetVersion: 2, userId: s.reviewer.id, correctionNote: '更正附表', files: [file('a.html', '三')] });
    expect([e1.edition, e2.edition, e3.edition]).toEqual([1, 2, 3]);
    expect(e2).toMatchObject({ datasetVersion: 2, correctionNote: '更正收入合计', supersededBy: null });
    const listed = await store.listBundles({ datasetId: d.id });
    expect(listed.map((b) => [b.edition, b.supersededBy])).toEqual([[1, e2.id], [2, e3.id], [3, null]]);
    expect(listed.every((b) => b.files.every((f) => !('data' in f)))).toBe(true);
    expect(listed[0]!.files).toEqual([meta(file('a.html', '一'))]);
    // Each edition keeps its own bytes.
    expect(new TextDecoder().decode((await store.getBundleFile(e1.id, 'a.html'))!.data)).toBe('一');
    expect(new TextDecoder().decode((await store.getBundleFile(e3.id, 'a.html'))!.data)).toBe('三');
  });

  it('requires a 更正说明 from edition 2 on', async () => {
    const d = await fresh();
    await store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [file('a.html', '一')] });
    await expect(store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: ' ', files: [file('a.html', '二')] }))
      .rejects.toThrow(/须填写更正说明/);
    expect(await store.listBundles({ datasetId: d.id })).toHaveLength(1);
  });

  it('refuses a file whose SHA-256 or size is not its bytes, writing nothing', async () => {
    const d = await fresh();
    const good = file('good.html', '正文');
    const bad = { ...file('bad.html', '原文'), data: new TextEncoder().encode('篡改后的') };
    const before = [await count('bundles'), await count('bundle_files')];
    await expect(store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [good, { ...bad, bytes: bad.data.byteLength }] }))
      .rejects.toThrow(/SHA-256 校验值不符/);
    await expect(store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [good, { ...good, name: 'x.html', bytes: 1 }] }))
      .rejects.toThrow(/大小不符/);
    await expect(store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [] }))
      .rejects.toThrow(/不能为空/);
    expect([await count('bundles'), await count('bundle_files')]).toEqual(before);
    expect(await store.listBundles({ datasetId: d.id })).toEqual([]);
    // The database checks the hash too, whatever the application sends.
    await expect(db.query(
      `INSERT INTO bundle_files (bundle_id, name, media_type, bytes, sha256, data)
       SELECT id, 'raw.bin', 'x', 2, $1, $2 FROM bundles LIMIT 1`,
      ['0'.repeat(64), Buffer.from([1, 2])],
    )).rejects.toThrow(/check constraint/);
  });

  it('refuses two files of one name as Duplicate, writing nothing', async () => {
    const d = await fresh();
    await expect(store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [file('a.html', '一'), file('a.html', '二')] }))
      .rejects.toMatchObject({ name: 'Duplicate', what: '同名文件' });
    expect(await store.listBundles({ datasetId: d.id })).toEqual([]);
  });

  it('lists bundles by dataset and by unit', async () => {
    const other = await seed(store);
    const d1 = await fresh();
    const d2 = await store.createDataset({ orgId: other.org.id, year: d1.year, data: dataset(d1.year, '1.00'), findings: [], userId: other.filler.id });
    const b1 = await store.addBundle({ datasetId: d1.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [file('x.html', '甲')] });
    const b2 = await store.addBundle({ datasetId: d2.id, datasetVersion: 1, userId: other.reviewer.id, correctionNote: null, files: [file('x.html', '乙')] });
    expect(await store.listBundles({ orgIds: [other.org.id] })).toEqual([b2]);
    expect((await store.listBundles({ orgIds: [s.org.id, other.org.id] })).map((b) => b.id)).toEqual(expect.arrayContaining([b1.id, b2.id]));
    expect(await store.listBundles({ orgIds: [] })).toEqual([]);
    expect(await store.listBundles({ datasetId: d1.id, orgIds: [other.org.id] })).toEqual([]);
    expect((await store.listBundles({})).map((b) => b.id)).toEqual(expect.arrayContaining([b1.id, b2.id]));
  });

  it('refuses in the database any change to a published bundle or its files, except superseded_by once', async () => {
    const d = await fresh();
    const b1 = await store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [file('a.html', '原')] });
    await expect(db.query('UPDATE bundle_files SET data = $2 WHERE bundle_id = $1', [b1.id, Buffer.from('改')])).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM bundle_files WHERE bundle_id = $1', [b1.id])).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE bundle_files')).rejects.toThrow(/append-only/);
    await expect(db.query('UPDATE bundles SET correction_note = $2 WHERE id = $1', [b1.id, '改'])).rejects.toThrow(/immutable/);
    // Not to itself, nor to another dataset's bundle.
    await expect(db.query('UPDATE bundles SET superseded_by = $1 WHERE id = $1', [b1.id])).rejects.toThrow(/immutable/);
    const elsewhere = await store.addBundle({ datasetId: (await fresh()).id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [file('a.html', '他')] });
    await expect(db.query('UPDATE bundles SET superseded_by = $2 WHERE id = $1', [b1.id, elsewhere.id])).rejects.toThrow(/immutable/);
    await expect(db.query('DELETE FROM bundles WHERE id = $1', [b1.id])).rejects.toThrow(/append-only/);
    const b2 = await store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: '更正', files: [file('a.html', '新')] });
    // Setting superseded_by does not carry another change with it.
    await expect(db.query('UPDATE bundles SET correction_note = $2, superseded_by = NULL WHERE id = $1', [b2.id, '改'])).rejects.toThrow(/immutable/);
    expect((await store.getBundle(b1.id))!.supersededBy).toBe(b2.id);
    // Once set, superseded_by is fixed too.
    await expect(db.query('UPDATE bundles SET superseded_by = NULL WHERE id = $1', [b1.id])).rejects.toThrow(/immutable/);
    const b3 = await store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: '再更正', files: [file('a.html', '再')] });
    await expect(db.query('UPDATE bundles SET superseded_by = $2 WHERE id = $1', [b1.id, b3.id])).rejects.toThrow(/immutable/);
    expect(await store.getBundle(b1.id)).toEqual({ ...b1, supersededBy: b2.id });
  });
});
