/**
 * The one error the document readers throw. The message is Chinese, names the
 * file and says what is wrong and, where it helps, what to do.
 */
export class DocumentError extends Error {
  constructor(
    /** The file as the user named it. */
    readonly file: string,
    /** What is wrong, without the file name. */
    readonly reason: string,
  ) {
    super(`无法读取“${file}”：${reason}`);
    this.name = 'DocumentError';
  }
}
