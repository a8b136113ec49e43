import type { AppError } from '../shared/contract';

/**
 * A failure meant for the user: its message is shown as is. It lives here, not in the transport,
 * so domain code (archive, briefs, export, importers, search) can raise it without importing a door.
 */
export class UserError extends Error {
  constructor(
    readonly code: AppError['code'],
    message: string,
  ) {
    super(message);
  }
}
