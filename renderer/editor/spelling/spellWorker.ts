import { createSpellChecker, type SpellChecker } from './spellChecker';
import type { SpellingInit, SpellingReply, SpellingRequest } from './spellingProtocol';

/**
 * The spelling worker: loads the note language's Hunspell dictionary (files our own build ships,
 * fetched from our own origin: nothing is downloaded from elsewhere) and checks blocks of the note
 * off the page's thread, so typing never waits for the dictionary.
 */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<SpellingRequest>) => void) | null;
  postMessage(reply: SpellingReply): void;
};

let checker: Promise<SpellChecker> | null = null;

async function load({ language, affUrl, dicUrl, words }: SpellingInit): Promise<SpellChecker> {
  const [aff, dic] = await Promise.all(
    [affUrl, dicUrl].map(async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`the dictionary file ${url} could not be read (HTTP ${response.status})`);
      return new Uint8Array(await response.arrayBuffer());
    }),
  );
  return createSpellChecker(language, { aff: aff!, dic: dic! }, words);
}

// Requests are handled in the order they came: each waits for the dictionary, then for nothing.
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'init') {
    checker = load(request);
    checker.catch((error: unknown) =>
      scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  queue = queue.then(async () => {
    // Without a dictionary every answer is empty, so nothing waits for ever (the failure was posted).
    const spell = await checker?.catch(() => null);
    if (request.type === 'check') {
      const blocks = request.blocks.map((block) => ({
        key: block.key,
        misspellings: spell ? spell.misspellings(block.runs) : [],
      }));
      scope.postMessage({ type: 'checked', id: request.id, blocks });
    } else if (request.type === 'suggest') {
      scope.postMessage({
        type: 'suggestions',
        id: request.id,
        suggestions: spell?.suggest(request.word).slice(0, 8) ?? [],
      });
    } else spell?.add(request.word);
  });
};
