// The part of citeproc-js (npm `citeproc`, CommonJS, no types of its own) that Précis uses.
declare module 'citeproc' {
  interface CiteprocSys {
    retrieveLocale(lang: string): string | undefined;
    retrieveItem(id: string): unknown;
  }
  interface CiteprocCitationItem {
    id: string;
    locator?: string;
    label?: string;
    /** 0 first, 1 subsequent, 2 ibid, 3 ibid with locator (CSL.POSITION_*). */
    position?: number;
  }
  interface CiteprocEngine {
    opt: { xclass: 'note' | 'in-text' };
    setOutputFormat(format: string): void;
    updateItems(ids: string[]): void;
    makeCitationCluster(items: CiteprocCitationItem[]): string;
    makeBibliography(): false | [{ entry_ids: string[][]; bibliography_errors: unknown[] }, string[]];
  }
  interface CiteprocStatic {
    Engine: new (sys: CiteprocSys, style: string, lang?: string, forceLang?: boolean) => CiteprocEngine;
    Output: { Formats: Record<string, Record<string, unknown>> };
    /** citeproc's JSON form of a style or locale, which Engine also takes (as a JSON string). */
    parseXml(xml: string): unknown;
  }
  const CSL: CiteprocStatic;
  export default CSL;
}
