/**
 * Ruled tables on PDF pages: the drawn lines (thin filled rectangles, as
 * Chromium and Word draw cell borders, or stroked lines and rectangles) make
 * a grid; a missing border between two grid cells merges them (colspan,
 * rowspan); the text items whose centre falls inside a cell are its text, in
 * reading order, so a cell wrapped over several lines reads as one. A table
 * that goes on over a page break (the next page starts with a grid of the
 * same columns and no title above it) is joined to it, its repeated header
 * rows dropped. Tables drawn without lines are not read (their figures stay
 * with the text rules).
 */
import type { RawCell, ReadTable } from '../../../audit/tables/index.js';
import { findTitle } from '../../../audit/tables/index.js';
import { makeTable } from '../tables.js';
import type { PdfLine } from './pdfLines.js';

export interface Segment {
  /** Horizontal: y and x1 < x2; vertical: x and y1 < y2 (PDF units, y up). */
  dir: 'h' | 'v';
  at: number;
  from: number;
  to: number;
}

/** Subset of pdf.js's OPS used here (numbers from the library at run time). */
export interface PdfOps {
  constructPath: number;
  transform: number;
  save: number;
  restore: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
}

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Thinner than this (PDF units) is a line, not an area. */
const THIN = 2.5;
const MAX_SEGMENTS = 20_000;

/** The page's drawn horizontal and vertical lines, from pdf.js's operator list. */
export function segmentsOf(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, ops: PdfOps): Segment[] {
  const out: Segment[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const strokes = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fills = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const addBox = (x1: number, y1: number, x2: number, y2: number, stroked: boolean) => {
    const [ax, ay] = apply(ctm, x1, y1);
    const [bx, by] = apply(ctm, x2, y2);
    const [l, r, b, t] = [Math.min(ax, bx), Math.max(ax, bx), Math.min(ay, by), Math.max(ay, by)];
    if (![l, r, b, t].every(Number.isFinite)) return;
    const w = r - l;
    const h = t - b;
    if (h <= THIN && w > THIN) out.push({ dir: 'h', at: (b + t) / 2, from: l, to: r });
    else if (w <= THIN && h > THIN) out.push({ dir: 'v', at: (l + r) / 2, from: b, to: t });
    else if (stroked && w > THIN && h > THIN) {
      out.push({ dir: 'h', at: b, from: l, to: r }, { dir: 'h', at: t, from: l, to: r }, { dir: 'v', at: l, from: b, to: t }, { dir: 'v', at: r, from: b, to: t });
    }
  };
  for (let i = 0; i < fnArray.length && out.length < MAX_SEGMENTS; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform && Array.isArray(args) && args.length >= 6) ctm = mul(args.slice(0, 6).map(Number) as Matrix, ctm);
    else if (fn === ops.constructPath && Array.isArray(args)) {
      const paint = Number(args[0]);
      const stroked = strokes.has(paint);
      if (!stroked && !fills.has(paint)) continue;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data || typeof data.length !== 'number') continue;
      // Subpaths: moveTo 0 (x y), lineTo 1 (x y), curveTo 2 (6), quadraticCurveTo 3 (4), closePath 4.
      let box: number[] | undefined;
      const flush = () => {
        if (box) addBox(box[0]!, box[1]!, box[2]!, box[3]!, stroked);
        box = undefined;
      };
      const point = (x: number, y: number) => {
        box = box ? [Math.min(box[0]!, x), Math.min(box[1]!, y), Math.max(box[2]!, x), Math.max(box[3]!, y)] : [x, y, x, y];
      };
      for (let k = 0; k < data.length;) {
        const op = data[k]!;
        if (op === 0) {
          flush();
          point(data[k + 1]!, data[k + 2]!);
          k += 3;
        } else if (op === 1) {
          point(data[k + 1]!, data[k + 2]!);
          k += 3;
        } else if (op === 2) {
          // A curve is no table border.
          box = undefined;
          k += 7;
        } else if (op === 3) {
          box = undefined;
          k += 5;
        } else if (op === 4) {
          flush();
          k += 1;
        } else break;
      }
      flush();
    }
  }
  return out;
}

const TOL = 2;

/** Joins collinear pieces (a border drawn cell by cell) into whole lines. */
function mergeSegments(segs: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const dir of ['h', 'v'] as const) {
    const s = segs.filter((x) => x.dir === dir).sort((a, b) => a.at - b.at || a.from - b.from);
    const lines: Segment[][] = [];
    // Sorted by position: a piece joins the last line when it lies on it.
    for (const seg of s) {
      const line = lines[lines.length - 1];
      if (line && Math.abs(line[0]!.at - seg.at) <= TOL / 2) line.push(seg);
      else lines.push([seg]);
    }
    for (const l of lines) {
      l.sort((a, b) => a.from - b.from);
      let cur: Segment | undefined;
      for (const seg of l) {
        if (cur && seg.from <= cur.to + TOL) cur.to = Math.max(cur.to, seg.to);
        else {
          if (cur) out.push(cur);
          cur = { ...seg };
        }
      }
      if (cur) out.push(cur);
    }
  }
  return out;
}

const touches = (h: Segment, v: Segment) => v.at >= h.from - TOL && v.at <= h.to + TOL && h.at >= v.from - TOL && h.at <= v.to + TOL;

export interface PageGrid {
  /** Column edges left to right, row edges top to bottom (PDF y). */
  xs: number[];
  ys: number[];
  cells: { r: number; c: number; rs: number; cs: number; left: number; right: number; top: number; bottom: number }[];
}

/** Edges closer than this are one edge (a border drawn twice, by the table and by a cell). */
const EDGE = 4;

function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) if (out.length === 0 || v - out[out.length - 1]! > EDGE) out.push(v);
  return out;
}

/** Grids on a page: groups of touching lines with at least two of each direction. */
export function gridsOf(segments: readonly Segment[]): PageGrid[] {
  const segs = mergeSegments(segments);
  const hs = segs.filter((s) => s.dir === 'h');
  const vs = segs.filter((s) => s.dir === 'v');
  const parent = segs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const idx = new Map(segs.map((s, i) => [s, i]));
  for (const h of hs) for (const v of vs) if (touches(h, v)) parent[find(idx.get(h)!)] = find(idx.get(v)!);
  const groups = new Map<number, Segment[]>();
  segs.forEach((s, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(s);
    else groups.set(root, [s]);
  });
  const grids: PageGrid[] = [];
  for (const g of groups.values()) {
    const gh = g.filter((s) => s.dir === 'h');
    const gv = g.filter((s) => s.dir === 'v');
    if (gh.length < 2 || gv.length < 2) continue;
    const xs = cluster(gv.map((s) => s.at));
    const ys = cluster(gh.map((s) => s.at)).reverse();
    if (xs.length < 2 || ys.length < 2 || xs.length > 130 || ys.length > 2000) continue;
    const R = ys.length - 1;
    const C = xs.length - 1;
    if (R * C > 50_000) continue;
    // The lines at each column edge and each row edge, so a lookup costs only the lines on that edge.
    const near = (segs: Segment[], edges: number[]) => edges.map((e) => segs.filter((s) => Math.abs(s.at - e) <= EDGE));
    const vAt = near(gv, xs);
    const hAt = near(gh, ys);
    const hasV = (c: number, y: number) => vAt[c]!.some((s) => s.from <= y + TOL && s.to >= y - TOL);
    const hasH = (r: number, x: number) => hAt[r]!.some((s) => s.from <= x + TOL && s.to >= x - TOL);
    const id = (r: number, c: number) => r * C + c;
    const p = Array.from({ length: R * C }, (_, i) => i);
    const f = (i: number): number => (p[i] === i ? i : (p[i] = f(p[i]!)));
    for (let r = 0; r < R; r++) {
      const ym = (ys[r]! + ys[r + 1]!) / 2;
      for (let c = 0; c < C; c++) {
        const xm = (xs[c]! + xs[c + 1]!) / 2;
        if (c + 1 < C && !hasV(c + 1, ym)) p[f(id(r, c + 1))] = f(id(r, c));
        if (r + 1 < R && !hasH(r + 1, xm)) p[f(id(r + 1, c))] = f(id(r, c));
      }
    }
    const boxes = new Map<number, { r0: number; c0: number; r1: number; c1: number }>();
    for (let r = 0; r < R; r++) {
      for (let c = 0; c < C; c++) {
        const root = f(id(r, c));
        const b = boxes.get(root);
        if (!b) boxes.set(root, { r0: r, c0: c, r1: r, c1: c });
        else Object.assign(b, { r0: Math.min(b.r0, r), c0: Math.min(b.c0, c), r1: Math.max(b.r1, r), c1: Math.max(b.c1, c) });
      }
    }
    const cells = [...boxes.values()]
      .map((b) => ({ r: b.r0, c: b.c0, rs: b.r1 - b.r0 + 1, cs: b.c1 - b.c0 + 1, left: xs[b.c0]!, right: xs[b.c1 + 1]!, top: ys[b.r0]!, bottom: ys[b.r1 + 1]! }))
      .sort((a, b) => a.r - b.r || a.c - b.c);
    grids.push({ xs, ys, cells });
  }
  // Top to bottom on the page.
  return grids.sort((a, b) => b.ys[0]! - a.ys[0]!);
}

interface PageTable {
  page: number;
  grid: PageGrid;
  rows: RawCell[][];
  context: string[];
  /** The table starts at the top of its page's text (nothing but a page header above it). */
  titled: boolean;
}

interface Hit {
  text: string;
  y: number;
  x: number;
  start: number;
  end: number;
  size: number;
}

/** The last index i with sorted[i] ≤ v (ascending), -1 when none. */
function slot(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= v) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Each text item goes to the cell its centre falls in (found by binary search over the grid's edges, so a
 * page costs items × log cells); a cell's text is its items in reading order, lines joined as they wrap.
 */
function cellsOfGrid(grid: PageGrid, lines: readonly PdfLine[], starts: readonly number[], used: Set<string>): RawCell[][] {
  const R = grid.ys.length - 1;
  const C = grid.xs.length - 1;
  const owner = new Int32Array(R * C).fill(-1);
  grid.cells.forEach((cell, k) => {
    for (let r = cell.r; r < cell.r + cell.rs; r++) for (let c = cell.c; c < cell.c + cell.cs; c++) owner[r * C + c] = k;
  });
  const hits: Hit[][] = grid.cells.map(() => []);
  const ysUp = [...grid.ys].reverse();
  lines.forEach((l, li) => {
    (l.parts ?? []).forEach((p, pi) => {
      const cx = (p.x + p.xEnd) / 2;
      const cy = p.y + p.size * 0.3;
      if (cx < grid.xs[0]! || cx > grid.xs[C]! || cy > grid.ys[0]! || cy < grid.ys[R]!) return;
      const c = Math.min(C - 1, Math.max(0, slot(grid.xs, cx)));
      // ys run top to bottom (descending): row r lies between ys[r] and ys[r + 1].
      const r = Math.min(R - 1, Math.max(0, R - 1 - slot(ysUp, cy)));
      const k = owner[r * C + c]!;
      const key = `${li}:${pi}`;
      if (k < 0 || used.has(key)) return;
      used.add(key);
      hits[k]!.push({ text: l.text.slice(p.start, p.end), y: p.y, x: p.x, start: starts[li]! + p.start, end: starts[li]! + p.end, size: p.size });
    });
  });
  const rows: RawCell[][] = Array.from({ length: R }, () => []);
  grid.cells.forEach((cell, k) => {
    const h = hits[k]!;
    h.sort((a, b) => (Math.abs(a.y - b.y) > 0.5 * Math.max(1, Math.min(a.size, b.size)) ? b.y - a.y : a.x - b.x));
    const text = h.map((x) => x.text.trim()).join('');
    let span: RawCell['span'];
    for (const x of h) span = span ? { start: Math.min(span.start, x.start), end: Math.max(span.end, x.end) } : { start: x.start, end: x.end };
    rows[cell.r]!.push({ text, ...(span ? { span } : {}), ...(cell.cs > 1 ? { colSpan: cell.cs } : {}), ...(cell.rs > 1 ? { rowSpan: cell.rs } : {}) });
  });
  return rows;
}

function pageTables(page: number, grids: readonly PageGrid[], lines: readonly PdfLine[], starts: readonly number[]): PageTable[] {
  const used = new Set<string>();
  return grids.map((grid, gi) => {
    const rows = cellsOfGrid(grid, lines, starts, used);
    const top = grid.ys[0]!;
    const prevBottom = gi > 0 ? grids[gi - 1]!.ys[grids[gi - 1]!.ys.length - 1]! : Infinity;
    const above = lines.filter((l) => l.y > top + 1 && l.y < prevBottom - 1).map((l) => l.text);
    return { page, grid, rows, context: above.slice(-6), titled: findTitle(above.slice(-6)) !== undefined };
  });
}

const sameColumns = (a: PageGrid, b: PageGrid) => a.xs.length === b.xs.length && a.xs.every((x, i) => Math.abs(x - b.xs[i]!) <= 2 * TOL);
const rowText = (r: readonly RawCell[]) => r.map((c) => `${c.text}|${c.colSpan ?? 1}|${c.rowSpan ?? 1}`).join('¦');

/** Every ruled table of the document, a table continued over page breaks joined into one. */
export function pdfTables(pages: readonly { lines: PdfLine[]; starts: number[]; grids: PageGrid[] }[]): ReadTable[] {
  const all = pages.flatMap((p, i) => pageTables(i + 1, p.grids, p.lines, p.starts));
  const joined: (PageTable & { pages: number[] })[] = [];
  for (const t of all) {
    const prev = joined[joined.length - 1];
    const firstOnPage = all.find((x) => x.page === t.page) === t;
    const lastOnPrevPage = prev && prev.pages[prev.pages.length - 1] === t.page - 1;
    if (prev && firstOnPage && lastOnPrevPage && !t.titled && sameColumns(prev.grid, t.grid)) {
      // Header rows repeated on the new page are dropped.
      let k = 0;
      while (k < t.rows.length && k < prev.rows.length && rowText(t.rows[k]!) === rowText(prev.rows[k]!) && !t.rows[k]!.some((c) => /\d/.test(c.text))) k++;
      prev.rows.push(...t.rows.slice(k));
      prev.pages.push(t.page);
      continue;
    }
    joined.push({ ...t, rows: [...t.rows], pages: [t.page] });
  }
  return joined.map((t) => {
    const spans = t.rows.flat().flatMap((c) => (c.span ? [c.span] : []));
    const span = spans.length > 0 ? { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) } : undefined;
    return makeTable('pdf', t.rows, undefined, t.context, { page: t.page, ...(t.pages.length > 1 ? { pages: t.pages } : {}), ...(span ? { span } : {}) });
  });
}

const FORM_TITLE = /自评表|绩效目标完成情况表|绩效评价表/;

/**
 * 绩效自评表 forms are laid out as HTML and Word give them to the text rules:
 * one cell per line, after a tab, a blank line after each row, so a cell
 * wrapped over lines (an indicator name, an 实际完成值) reads as one and the
 * form reads back (audit/extract/evaluations.ts reads cells one per line).
 * Only ruled grids under a 自评表 title (and their continuation at the top of
 * the next page) are laid out again; every other line stays as read.
 */
export function relayoutForms(pages: readonly PdfLine[][], grids: readonly PageGrid[][]): PdfLine[][] {
  let previousWasForm = false;
  return pages.map((lines, p) => {
    const pageGrids = grids[p] ?? [];
    let out = [...lines];
    pageGrids.forEach((grid, gi) => {
      const top = grid.ys[0]!;
      const bottom = grid.ys[grid.ys.length - 1]!;
      const prevBottom = gi > 0 ? pageGrids[gi - 1]!.ys[pageGrids[gi - 1]!.ys.length - 1]! : Infinity;
      const above = out.filter((l) => !l.cell && l.y > top + 1 && l.y < prevBottom - 1).map((l) => l.text).slice(-6);
      const titled = above.some((t) => /表/.test(t));
      const form = above.some((t) => FORM_TITLE.test(t)) || (gi === 0 && !titled && previousWasForm);
      if (gi === pageGrids.length - 1) previousWasForm = form;
      if (!form) return;
      const left = grid.xs[0]!;
      const right = grid.xs[grid.xs.length - 1]!;
      const inside = (l: PdfLine) => !l.cell && l.y <= top + 1 && l.y >= bottom - 1 && l.xEnd > left && l.xStart < right;
      const taken = out.filter(inside);
      if (taken.length === 0) return;
      const at = out.indexOf(taken[0]!);
      type Hit = { text: string; part: NonNullable<PdfLine['parts']>[number] };
      const hits: (Hit & { used: boolean })[] = taken.flatMap((l) => (l.parts ?? []).map((part) => ({ text: l.text.slice(part.start, part.end), part, used: false })));
      const rows: PdfLine[] = [];
      const R = grid.ys.length - 1;
      for (let r = 0; r < R; r++) {
        const cells = grid.cells.filter((c) => c.r === r).sort((a, b) => a.c - b.c);
        if (cells.length === 0) continue;
        for (const cell of cells) {
          const mine = hits.filter((h) => {
            const cx = (h.part.x + h.part.xEnd) / 2;
            const cy = h.part.y + h.part.size * 0.3;
            return !h.used && cx >= cell.left && cx <= cell.right && cy <= cell.top && cy >= cell.bottom;
          });
          mine.sort((a, b) => (Math.abs(a.part.y - b.part.y) > 0.5 * Math.max(1, Math.min(a.part.size, b.part.size)) ? b.part.y - a.part.y : a.part.x - b.part.x));
          let text = '\t';
          const parts: NonNullable<PdfLine['parts']> = [];
          for (const h of mine) {
            h.used = true;
            const s = h.text.trim();
            parts.push({ ...h.part, start: text.length, end: text.length + s.length });
            text += s;
          }
          const size = mine[0]?.part.size ?? 10;
          rows.push({ text, parts, xStart: cell.left, xEnd: cell.right, y: cell.top - size, size, cell: true });
        }
        rows.push({ text: '', parts: [], xStart: left, xEnd: left, y: grid.ys[r + 1]!, size: 10, cell: true });
      }
      // Text inside the table's band but in no cell (a note beside it) stays, after the table.
      const rest = hits.filter((h) => !h.used);
      if (rest.length > 0) {
        let text = '';
        const parts: NonNullable<PdfLine['parts']> = [];
        for (const h of rest) {
          const s = h.text.trim();
          if (text !== '') text += ' ';
          parts.push({ ...h.part, start: text.length, end: text.length + s.length });
          text += s;
        }
        rows.push({ text, parts, xStart: rest[0]!.part.x, xEnd: rest[rest.length - 1]!.part.xEnd, y: bottom, size: rest[0]!.part.size, cell: true });
      }
      out = [...out.slice(0, at).filter((l) => !taken.includes(l)), ...rows, ...out.slice(at).filter((l) => !taken.includes(l))];
    });
    if (pageGrids.length === 0) previousWasForm = false;
    return out;
  });
}
