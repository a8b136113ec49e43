import type { AppError } from '../shared/contract';
import type { Worded } from '../shared/i18n/localizedText';

/**
 * A failure meant for the user: its message is shown as is. It lives here, not in the transport,
 * so domain code (archive, briefs, export, importers, search) can raise it without importing a door.
 * `revision` is set on a conflict: the brief's revision now, which the stale save did not know;
 * `required` on a marking refusal: the marking the brief needs.
 */
export class UserError extends Error {
  constructor(
    readonly code: AppError['code'],
    message: string,
    readonly details: Pick<AppError, 'revision' | 'required' | 'snapshotId' | 'text'> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  toAppError(): AppError {
    return { code: this.code, message: this.message, ...this.details };
  }
}

/** A UserError whose sentence is also a catalog message, so the interface shows it in its language. */
export function wordedError(
  code: AppError['code'],
  { message, text }: Worded,
  details: Pick<AppError, 'revision' | 'required' | 'snapshotId'> = {},
): UserError {
  return new UserError(code, message, { ...details, text });
}
