import { z } from 'zod';
import type { MessageId } from './catalogs';

/**
 * A sentence main writes, as a catalog message id and its ICU values, so that the interface can
 * show it in its own language. Main keeps its English `message` beside it for the CLI and logs;
 * test/unit/i18n/localizedText.test.ts checks the two agree.
 */
export const LocalizedText = z.object({
  id: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

/** A sentence in English for the CLI and logs, and the same sentence as a catalog id. */
export interface Worded {
  message: string;
  text: LocalizedText;
}

export function worded(message: string, id: MessageId, values?: Record<string, string | number>): Worded {
  return { message, text: values ? { id, values } : { id } };
}
