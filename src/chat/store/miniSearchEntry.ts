// The entry of dist/search.js: MiniSearch, the full-text library behind conversation search. The
// extension requires it the first time a search index is built or read (miniSearchLoader.ts),
// never at activation, where it was an eighth of dist/extension.js.
export { default } from 'minisearch';
