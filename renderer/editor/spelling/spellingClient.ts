import type { BriefLanguage } from '../../../shared/briefSchemas';
import { api } from '../../api/client';
import { DICTIONARY_URLS } from './dictionaries';
import type { Misspelling } from './spellChecker';
import type { CheckBlock, SpellingReply, SpellingRequest } from './spellingProtocol';

export interface SpellingClient {
  language: BriefLanguage;
  check(blocks: CheckBlock[]): Promise<{ key: string; misspellings: Misspelling[] }[]>;
  suggest(word: string): Promise<string[]>;
  /** Adds the word to the dictionary in the archive, then to the worker's; resolves to an error message or null. */
  addWord(word: string): Promise<string | null>;
}

// One worker per language for the page's life: reopening a note does not load its dictionary again.
const clients = new Map<BriefLanguage, SpellingClient>();

export function spellingClient(language: BriefLanguage): SpellingClient {
  let client = clients.get(language);
  if (!client) {
    client = startClient(language);
    clients.set(language, client);
  }
  return client;
}

function startClient(language: BriefLanguage): SpellingClient {
  // The worker (and its dictionary, about a second of CPU to build) starts at the first check,
  // which the plugin asks for once the note is on screen, not while the page is starting.
  let started: { post: (request: SpellingRequest) => void; ask: Ask; ready: Promise<void> } | null = null;
  const start = () => (started ??= startWorker(language));
  return {
    language,
    async check(blocks) {
      const { ready, ask } = start();
      await ready;
      const reply = await ask((id) => ({ type: 'check', id, blocks }));
      return reply.type === 'checked' ? reply.blocks : [];
    },
    async suggest(word) {
      const { ready, ask } = start();
      await ready;
      const reply = await ask((id) => ({ type: 'suggest', id, word }));
      return reply.type === 'suggestions' ? reply.suggestions : [];
    },
    async addWord(word) {
      const result = await api.addSpellingWord({ language, word });
      if (!result.ok) return result.error.message;
      const { ready, post } = start();
      await ready;
      post({ type: 'add', word });
      return null;
    },
  };
}

type Ask = (make: (id: number) => SpellingRequest) => Promise<SpellingReply>;

function startWorker(language: BriefLanguage) {
  const worker = new Worker(new URL('./spellWorker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, (reply: SpellingReply) => void>();
  let nextId = 1;
  const post = (request: SpellingRequest) => worker.postMessage(request);
  worker.onmessage = (event: MessageEvent<SpellingReply>) => {
    const reply = event.data;
    if (reply.type === 'failed') {
      // The note stays editable and unchecked; the reason goes to the log.
      console.error('[precis] spelling:', reply.message);
      return;
    }
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
  };
  const ask = (make: (id: number) => SpellingRequest) =>
    new Promise<SpellingReply>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      post(make(id));
    });
  // The analyst's own words come from the archive before the first check, so none flashes as wrong.
  const ready = api.spellingWords({ language }).then((result) => {
    post({ type: 'init', language, ...DICTIONARY_URLS[language], words: result.ok ? result.value : [] });
  });
  return { post, ask: ask as Ask, ready };
}
