/** Plain text: the decoded text is the raw text. */
import type { ReadText } from '../document.js';
import type { DocumentLimits } from '../limits.js';

export function readTxt(text: string, limits: DocumentLimits, refuse: (reason: string) => never): ReadText {
  if (text.length > limits.maxTextLength) refuse(`文字过多（超过 ${limits.maxTextLength} 个字符），已拒绝。`);
  if (text.trim() === '') refuse('文件中没有文字（只有空白）。');
  return { raw: text };
}
