import { z } from 'zod';
import type { SerializedBriefState, SerializedNode } from './briefDocument';
import type { ContractMethod } from './contractMethods';
import { SourceDetail } from './source';

/**
 * The one contract between the renderer and the Node core. Every call the renderer makes is
 * declared here once, with the schema of what goes in (validated in main) and what comes out.
 * Main implements it as one object literal of type `Handlers`; the Electron preload and the
 * browser-mode HTTP host both expose exactly these methods.
 */

export const SnippetPart = z.object({ text: z.string(), match: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPart>;

export const SearchHit = z.object({
  id: z.number().int(),
  title: z.string(),
  outlet: z.string().nullable(),
  publishedAt: z.string().nullable(),
  snippet: z.array(SnippetPart),
  /** bm25 relevance; higher is better. */
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResponse = z.object({
  query: z.string(),
  total: z.number().int(),
  results: z.array(SearchHit),
  suggestions: z.array(z.string()),
  /** Set when the query had to be reinterpreted (e.g. an unbalanced quote). */
  notice: z.string().nullable(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

// Lexical writes more fields than we read; each node must at least say what type it is.
const SerializedNodeSchema: z.ZodType<SerializedNode> = z.lazy(() =>
  z.looseObject({
    type: z.string().min(1),
    version: z.number().optional(),
    children: z.array(SerializedNodeSchema).optional(),
  }),
);
const SerializedBriefStateSchema: z.ZodType<SerializedBriefState> = z.object({
  root: z.looseObject({ type: z.literal('root'), children: z.array(SerializedNodeSchema) }),
});

export const BriefSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BriefSummary = z.infer<typeof BriefSummary>;

export const Brief = BriefSummary.extend({ content: SerializedBriefStateSchema });
export type Brief = z.infer<typeof Brief>;

export const ExportOutcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('download'), fileName: z.string(), base64: z.string() }),
  z.object({ kind: z.literal('saved'), path: z.string() }),
  z.object({ kind: z.literal('cancelled') }),
]);
export type ExportOutcome = z.infer<typeof ExportOutcome>;

const Id = z.object({ id: z.number().int().positive() });
const Nothing = z.object({}).default({});

export const contract = {
  appInfo: {
    input: Nothing,
    output: z.object({ version: z.string(), mode: z.enum(['electron', 'browser']), sourceCount: z.number().int() }),
  },
  search: {
    input: z.object({
      query: z.string().max(20_000),
      limit: z.number().int().min(1).max(100).default(20),
      offset: z.number().int().min(0).default(0),
    }),
    output: SearchResponse,
  },
  getSource: { input: Id, output: SourceDetail },
  listBriefs: { input: Nothing, output: z.array(BriefSummary) },
  createBrief: {
    input: z.object({ title: z.string().trim().min(1).max(300).default('Untitled brief') }),
    output: Brief,
  },
  getBrief: { input: Id, output: Brief },
  saveBrief: {
    input: z.object({
      id: z.number().int().positive(),
      title: z.string().trim().min(1).max(300),
      content: SerializedBriefStateSchema,
    }),
    output: BriefSummary,
  },
  exportBrief: { input: Id, output: ExportOutcome },
} as const satisfies Record<ContractMethod, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type MethodInput<M extends ContractMethod> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends ContractMethod> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends ContractMethod> = z.output<Contract[M]['output']>;

/** What main implements: one handler per method; a missing one is a compile error. */
export type Handlers = { [M in ContractMethod]: (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };

export type ErrorCode = 'invalid-input' | 'not-found' | 'unavailable' | 'internal';
export interface AppError {
  code: ErrorCode;
  message: string;
}
/** Errors cross the boundary as values the UI can show, never as thrown exceptions. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** What the renderer calls: the same methods, asynchronous, each returning a Result. */
export type PrecisApi = { [M in ContractMethod]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>> };

// Compile-time check that the zod-free list of names matches the contract's keys exactly.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const contractNamesMatch: Exact<keyof Contract, ContractMethod> = true;
