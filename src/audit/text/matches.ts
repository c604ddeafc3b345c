/**
 * Every match of a global regex, as `[...text.matchAll(re)]` gives them (from
 * the regex's lastIndex, empty matches stepped over the same way), without the
 * copy of the regex that matchAll makes at each call: the sentence reader
 * searches each of a report's hundreds of sentences with several regexes, and
 * on a sentence the copy costs more than the search. `re.lastIndex` is left as
 * it was. Pure.
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  if (!re.global) throw new TypeError('allMatches needs a regex with the g flag');
  const saved = re.lastIndex;
  const unicode = re.unicode || (re as { unicodeSets?: boolean }).unicodeSets === true;
  const out: RegExpExecArray[] = [];
  try {
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push(m);
      if (m[0].length === 0) re.lastIndex = advance(text, re.lastIndex, unicode);
    }
  } finally {
    re.lastIndex = saved;
  }
  return out;
}

/** AdvanceStringIndex: one code unit, or a whole surrogate pair with the u or v flag. */
function advance(text: string, at: number, unicode: boolean): number {
  if (!unicode || at + 1 >= text.length) return at + 1;
  const c = text.charCodeAt(at);
  if (c < 0xd800 || c > 0xdbff) return at + 1;
  const d = text.charCodeAt(at + 1);
  return d >= 0xdc00 && d <= 0xdfff ? at + 2 : at + 1;
}
