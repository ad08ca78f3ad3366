import type { ConversationTestFailure, FlowIssue } from '@baton/shared';

/** An error a caller of the API can act on; the error middleware turns it into JSON with `status`. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: FlowIssue[] | Array<{ path: string; message: string }> | ConversationTestFailure[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: string) => new AppError(404, 'not_found', `No ${what} with id "${id}".`);
