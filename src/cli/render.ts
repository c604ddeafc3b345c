/**
 * `juesuan render`'s --format option. The pipeline is the application layer's
 * (src/app/render.ts: renderDataset, and renderFileToFolder for a file).
 */
import { UserError } from '../app/effects.js';
import { isOutputFormat, RENDERERS } from '../app/render.js';

export function parseFormats(list: string): string[] {
  const formats = [...new Set(list.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean))];
  if (formats.length === 0) throw new UserError('请用 --format 指定至少一种输出格式');
  const unknown = formats.filter((f) => !isOutputFormat(f));
  if (unknown.length > 0) {
    throw new UserError(`不支持的输出格式：${unknown.join(', ')}（可用：${Object.keys(RENDERERS).join(', ')}）`);
  }
  return formats;
}
