import type { Handlers } from '../../shared/contract';
import type { Db } from '../archive/database';
import { checkSavedBrief } from '../integrity/briefCheck';
import { readIntegrityFacts } from '../integrity/integrityFacts';
import { nameVariantsForQuery } from '../integrity/nameVariants';

type IntegrityHandlers = Pick<Handlers, 'checkBrief' | 'integrityFacts' | 'nameVariants'>;

/** Analytic integrity: the brief check, the facts behind the note's marks, name variants. */
export function integrityHandlers(db: Db): IntegrityHandlers {
  return {
    checkBrief: ({ id }) => checkSavedBrief(db, id),
    integrityFacts: ({ sourceIds }) => readIntegrityFacts(db, sourceIds),
    nameVariants: ({ query }) => nameVariantsForQuery(db, query),
  };
}
