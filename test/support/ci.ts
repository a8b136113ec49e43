/** True when CI=true (or 1): there, a test whose tool or privilege is missing must fail, never skip. */
export const IN_CI = /^(true|1)$/i.test(process.env.CI ?? '');
