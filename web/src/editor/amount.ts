/**
 * Amounts typed as in Excel: "1,234.5", "１２３４．５" or " 1234.50 " are the same figure.
 * While typing, only characters a figure can contain are accepted; on leaving the
 * field a plain 万元 figure is written with two decimals.
 */
const FULL_WIDTH = /[０-９．，－]/g;
const toHalf = (s: string) => s.replace(FULL_WIDTH, (c) => (c === '．' ? '.' : c === '，' ? ',' : c === '－' ? '-' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

/** Characters that may appear in an amount as typed: digits, separators, sign, and a 元/万元 suffix. */
const ALLOWED = /^\s*-?[\d０-９.,，．\s]*(万元|元|万|)\s*$/;

export function amountInputProblem(typed: string): string | null {
  if (ALLOWED.test(typed.replace(/^－/, '-'))) return null;
  return '金额只能填写数字（单位：万元，最多两位小数），如 1234.50；不能含字母或文字';
}

/** The text kept in the dataset while typing: half-width, without thousands separators. */
export function amountValue(typed: string): string | undefined {
  const s = toHalf(typed).replace(/[,\s]/g, '').replace(/万$/, '万元');
  return s === '' ? undefined : s;
}

/** On leaving the field: a plain figure gets exactly two decimals (Excel's 0.00). */
export function normaliseAmount(typed: string): string | undefined {
  const v = amountValue(typed);
  if (v === undefined) return undefined;
  const m = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(v);
  if (!m) return v;
  const int = m[2]!.replace(/^0+(?=\d)/, '');
  return `${m[1]}${int}.${(m[3] ?? '').padEnd(2, '0')}`;
}
