// The dictionary packages export only their Node loader, so their files are imported by path: the
// build copies them into the renderer's assets, and the worker fetches them from our own origin.
import enAff from '../../../node_modules/dictionary-en-ca/index.aff?url';
import enDic from '../../../node_modules/dictionary-en-ca/index.dic?url';
import frAff from '../../../node_modules/dictionary-fr/index.aff?url';
import frDic from '../../../node_modules/dictionary-fr/index.dic?url';
import type { BriefLanguage } from '../../../shared/briefSchemas';

/** Each note language's Hunspell dictionary: en-CA for English notes, fr (France and Canada) for French. */
export const DICTIONARY_URLS: Record<BriefLanguage, { affUrl: string; dicUrl: string }> = {
  en: { affUrl: enAff, dicUrl: enDic },
  fr: { affUrl: frAff, dicUrl: frDic },
};
