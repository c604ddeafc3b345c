/**
 * HTML for the public portal: template strings whose every interpolation goes
 * through `h` (escaped) unless it is markup built here (`Html`).
 */

/** Markup that is already safe (built by `html`, `raw` or the page functions). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML (element content or a quoted attribute value). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Part = Html | string | number | bigint | null | undefined | false | readonly Part[];

function part(v: Part): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return (v as readonly Part[]).map(part).join('');
  return escapeHtml(String(v));
}

/** Tagged template: `h\`<p>${name}</p>\`` escapes `name`; nested `h` results and arrays of them pass as markup. */
export function h(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += part(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Trusted markup (an SVG chart the chart writer escaped itself). */
export const raw = (s: string): Html => new Html(s);

/** A query string from parameters (each escaped by encodeURIComponent; the result still goes through `h`). */
export function query(params: Record<string, string | number | undefined>): string {
  const q = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return q ? `?${q}` : '';
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2933;background:#f5f6f8;line-height:1.6}
header{background:#9b1c1c;color:#fff;padding:12px 16px}
header a{color:#fff;text-decoration:none;font-weight:bold;font-size:1.15em}
header span{opacity:.85;margin-left:8px;font-size:.9em}
main{max-width:1100px;margin:0 auto;padding:12px 16px 40px}
h1{font-size:1.4em;margin:.6em 0}
h2{font-size:1.15em;margin:1.2em 0 .5em;border-left:4px solid #9b1c1c;padding-left:8px}
a{color:#1d4ed8}
nav.crumbs{font-size:.9em;margin:.5em 0;color:#52606d}
section{background:#fff;border-radius:6px;padding:12px 14px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border:1px solid #d9dee3;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f5;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.scroll{overflow-x:auto}
form.search{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}
form.search label{display:flex;flex-direction:column;font-size:.9em}
input,select,button{font:inherit;padding:6px 8px;border:1px solid #b8c0c8;border-radius:4px}
button{background:#9b1c1c;color:#fff;border-color:#9b1c1c;cursor:pointer}
.tag{display:inline-block;font-size:.8em;padding:0 6px;border-radius:3px;background:#e5e7eb;color:#374151;margin-left:4px}
.tag.old{background:#fde68a;color:#78350f}
.tag.cur{background:#d1fae5;color:#065f46}
.tag.odd{background:#fee2e2;color:#991b1b}
.note{color:#52606d;font-size:.9em}
.charts{display:flex;flex-wrap:wrap;gap:12px}
.charts figure{margin:0;flex:0 1 calc(50% - 6px);max-width:100%}
.charts svg{width:100%;height:auto}
figcaption{font-size:.9em;font-weight:600}
iframe.report{width:100%;height:70vh;border:1px solid #d9dee3;background:#fff}
code.sha{font-size:.78em;word-break:break-all}
ul.tree,ul.tree ul{list-style:none;padding-left:1em;margin:.2em 0}
ul.tree>li{padding-left:0}
footer{text-align:center;color:#7b8794;font-size:.8em;padding:16px}
@media (max-width:600px){
 main{padding:8px}
 section{padding:8px}
 table{font-size:.85em}
 th,td{padding:4px 5px}
 form.search{flex-direction:column;align-items:stretch}
 .charts figure{flex-basis:100%}
 iframe.report{height:60vh}
 table.cards thead{display:none}
 table.cards,table.cards tbody{display:block}
 table.cards tr{display:block;border:1px solid #d9dee3;border-radius:4px;margin-bottom:8px;background:#fff}
 table.cards td{display:flex;justify-content:space-between;gap:8px;border:none;border-bottom:1px solid #eef0f2;text-align:right;white-space:normal}
 table.cards td:last-child{border-bottom:none}
 table.cards td::before{content:attr(data-label);font-weight:600;color:#52606d;text-align:left;flex:0 0 auto}
}
p.sorts a{margin-right:10px}
table.wide tbody th,table.wide thead th:first-child{min-width:9em}`;

/** A whole page. */
export function page(title: string, body: Html, crumbs: readonly [string, string | null][] = []): string {
  const trail = crumbs.length
    ? h`<nav class="crumbs">${crumbs.map(([label, href], i) => h`${i ? ' › ' : ''}${href ? h`<a href="${href}">${label}</a>` : label}`)}</nav>`
    : null;
  return `<!doctype html>${h`<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} - 部门决算公开</title><style>${raw(CSS)}</style></head>
<body><header><a href="/gongkai">部门决算公开</a><span>公开平台</span></header>
<main>${trail}<h1>${title}</h1>${body}</main>
<footer>本平台仅展示已公开的决算（更正后以最新版次为准）。金额单位：万元（另有注明的除外）。</footer></body></html>`.value}`;
}

export function errorPage(status: number, message: string): string {
  const title = status === 404 ? '未找到' : status === 400 ? '请求有误' : '服务暂时不可用';
  return page(title, h`<section><p>${message}</p><p><a href="/gongkai">返回公开平台首页</a></p></section>`);
}
