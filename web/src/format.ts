import dayjs from 'dayjs';
export const fmtTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '');
export const fmtBytes = (n: number): string => (n < 1024 ? `${n} 字节` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);
/**
 * An exact 万元 decimal string as the API gives it ("396.68205", up to six decimals: the 分) shown as 元 to the 分
 * with thousands separators ("3,966,820.50") — exact, and how a finance officer reads money.
 */
export function wanToYuan(v: string): string {
  const m = /^(-)?(\d+)(?:\.(\d{1,6}))?$/.exec(v.trim());
  if (!m) return v;
  const frac = (m[3] ?? '').padEnd(6, '0');
  const yuan = `${m[2]!}${frac.slice(0, 4)}`.replace(/^0+(?=\d)/, '');
  return `${m[1] ?? ''}${yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.slice(4, 6)}`;
}
