// citeproc's file by its path, as lazyCiteproc.ts imports it: the same module as 'citeproc'
// (declared in shared/csl/citeproc.d.ts).
declare module 'citeproc/citeproc_commonjs.js' {
  import CSL from 'citeproc';
  export default CSL;
}
