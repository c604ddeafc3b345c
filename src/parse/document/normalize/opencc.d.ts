// opencc-js exports its dictionaries as "./*" without type declarations.
declare module 'opencc-js/dict/TSCharacters' {
  /** "繁 简|繁 简|…": OpenCC's traditional → simplified character table. */
  const table: string;
  export default table;
}
