/**
 * Table cells → exact amounts. A cell is an amount only when its whole text is
 * a decimal number (thousands separators, full-width digits, a minus sign and
 * surrounding spaces allowed); "—", "-", "/" and an empty cell are blank, and
 * anything else is text. Never a binary float: the decimal string becomes 分.
 */
import type { Fen, MoneyUnit } from '../../money/index.js';

export type CellValue =
  | { kind: 'amount'; fen: Fen; /** One unit of the last stated digit, in 分 (the figure is known to ± half of it). */ ulp: Fen; text: string; decimals: number }
  | { kind: 'blank' }
  | { kind: 'dash' }
  | { kind: 'text'; text: string };

/** Full-width forms → ASCII, every white space out. */
export function cleanCell(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\u00a0]+/g, '')
    .replace(/[−–]/g, '-');
}

const NUMBER = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** Is the text of a cell a number (used to tell header rows from body rows)? */
export function isNumberText(s: string): boolean {
  return NUMBER.test(cleanCell(s));
}

const FEN_PER: Record<MoneyUnit, bigint> = { 元: 100n, 万元: 1_000_000n };

/** Parses a decimal in `unit` to exact 分; more decimals than 分 allow is kept out (text). */
export function parseCell(s: string, unit: MoneyUnit): CellValue {
  const c = cleanCell(s);
  if (c === '') return { kind: 'blank' };
  if (/^[-—－─/／]+$/.test(c) || c === '——') return { kind: 'dash' };
  if (!NUMBER.test(c)) return { kind: 'text', text: s };
  const neg = c.startsWith('-');
  const body = (neg ? c.slice(1) : c).replace(/,/g, '');
  const [int, frac = ''] = body.split('.');
  const per = FEN_PER[unit];
  const scale = 10n ** BigInt(frac.length);
  const scaled = BigInt(int! + frac);
  // value in 分 = scaled × per / scale; must be a whole number of 分 to be exact.
  if ((scaled * per) % scale !== 0n) return { kind: 'text', text: s };
  const fen = (scaled * per) / scale;
  const ulp = per / scale;
  return { kind: 'amount', fen: neg ? -fen : fen, ulp: ulp > 0n ? ulp : 1n, text: c, decimals: frac.length };
}

/** 万元 or 元 from the lines above a table ("金额单位：万元", "单位：元"); undefined when none says. */
export function unitOf(context: readonly string[], header: readonly string[][]): MoneyUnit | undefined {
  for (const line of [...context].reverse()) {
    const m = /单位[:：]\s*(万元|元)/.exec(cleanCell(line));
    if (m) return m[1] as MoneyUnit;
  }
  for (const row of header) {
    for (const cell of row) {
      const m = /[（(](万元|元)[)）]/.exec(cleanCell(cell));
      if (m) return m[1] as MoneyUnit;
    }
  }
  return undefined;
}

/** 万元 with two decimals, for messages. */
export function formatFen(fen: Fen, unit: MoneyUnit): string {
  const per = FEN_PER[unit];
  const decimals = unit === '万元' ? 6 : 2;
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  const int = a / per;
  let frac = (a % per).toString().padStart(decimals, '0').replace(/0+$/, '');
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  return `${neg ? '-' : ''}${int}.${frac}`;
}
