/**
 * The names of the calls the renderer can make. Kept free of zod so the Electron preload can
 * import it and stay tiny; `contract.ts` checks at compile time that both lists agree.
 */
export const CONTRACT_METHODS = [
  'appInfo',
  'search',
  'getSource',
  'updateSource',
  'listClusterMembers',
  'listSources',
  'listNeedsReview',
  'importFile',
  'importProgress',
  'listBriefs',
  'listTrash',
  'createBrief',
  'openFirstBrief',
  'getBrief',
  'saveBrief',
  'saveBriefBlocks',
  'renameBrief',
  'resolveBriefConflict',
  'duplicateBrief',
  'deleteBrief',
  'restoreBrief',
  'listSnapshots',
  'getSnapshot',
  'openSnapshotAsBrief',
  'takeSnapshot',
  'exportBrief',
  'setCitationStyle',
  'citationFacts',
  'exportSourceMetadata',
  'getWordTemplate',
  'setWordTemplate',
  'checkBrief',
  'integrityFacts',
  'nameVariants',
  'getSettings',
  'saveSettings',
  'spellingWords',
  'addSpellingWord',
  'getTeamArchive',
  'connectTeamArchive',
  'disconnectTeamArchive',
] as const;
export type ContractMethod = (typeof CONTRACT_METHODS)[number];

/** IPC channel of a method in Electron. */
export const ipcChannel = (method: ContractMethod): string => `precis:${method}`;
