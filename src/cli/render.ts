/**
 * `juesuan render`: dataset file → report files in the chosen formats. The
 * pipeline is the application layer's (src/app/render.ts); the command adds
 * its --format parsing and keeps its former names for the other commands.
 */
import { isOutputFormat, RENDERERS } from '../app/render.js';
import { UserError } from '../app/effects.js';

export {
  DRAFT_MARK,
  missingLines,
  RENDERERS,
  RenderSession,
  renderFileToFolder as renderCommand,
  type OutputContext,
  type OutputFormat,
  type RenderFileOptions as RenderCommandOptions,
  type RenderFileResult as RenderResult,
} from '../app/render.js';
export { chooseProfile, readDatasetFile as loadDataset } from '../app/load.js';

export function parseFormats(list: string): string[] {
  const formats = [...new Set(list.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean))];
  if (formats.length === 0) throw new UserError('请用 --format 指定至少一种输出格式');
  const unknown = formats.filter((f) => !isOutputFormat(f));
  if (unknown.length > 0) {
    throw new UserError(`不支持的输出格式：${unknown.join(', ')}（可用：${Object.keys(RENDERERS).join(', ')}）`);
  }
  return formats;
}
