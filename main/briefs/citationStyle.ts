import { checkCitationStyle } from '../../shared/csl/citationFormat';
import { CitationStyle, DEFAULT_CITATION_STYLE, isStyleXml } from '../../shared/csl/citationStyles';
import { type Db, prepareCached } from '../archive/database';
import { getSetting, setSetting } from '../archive/settings';
import { committed } from '../archive/writeErrors';
import { UserError } from '../errors';

/** The settings key of the style new briefs start with: the one the analyst chose last. */
export const CITATION_STYLE_SETTING = 'citationStyle';

/** The style a new brief starts with; a damaged setting falls back to Chicago. */
export function defaultCitationStyle(db: Db): string {
  const stored = getSetting(db, CITATION_STYLE_SETTING);
  return stored !== null && CitationStyle.safeParse(stored).success ? stored : DEFAULT_CITATION_STYLE;
}

/**
 * Sets a brief's citation style and remembers it for new briefs. A style the analyst added is
 * kept only if citeproc can format notes and a bibliography with it. False when no brief has
 * that id.
 */
export function setCitationStyle(db: Db, briefId: number, style: string): boolean {
  if (isStyleXml(style)) {
    const problem = checkCitationStyle(style);
    if (problem) throw new UserError('invalid-input', problem);
  }
  return committed(db, () => {
    const changed = prepareCached(db, 'UPDATE briefs SET citation_style = ? WHERE id = ?').run(style, briefId).changes;
    if (changed === 0) return false;
    setSetting(db, CITATION_STYLE_SETTING, style);
    return true;
  });
}
