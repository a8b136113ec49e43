/**
 * node:crypto, loaded when first used. Loading it costs every process ~15 ms of CPU (it brings in
 * ciphers, keys, X.509, Diffie-Hellman…), and `precis search` needs none of it: a top-level import
 * would make every command pay (issue 13; test/unit/cli/commandLoading.test.ts).
 */
export const lazyCrypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto');
