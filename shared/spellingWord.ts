import { z } from 'zod';

/** A word for the spell-checker's own dictionary: one word, no spaces, as the archive's CHECK requires. */
export const SpellingWord = z.string().trim().min(1).max(100).regex(/^\S+$/, 'a single word, without spaces');
