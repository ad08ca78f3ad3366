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

/** A replace sent without the version it was made from: it might overwrite someone else's save unseen. */
export const ifMatchRequired = () =>
  new AppError(428, 'if_match_required', "Send an If-Match header with the version you edited (the ETag from GET), so nobody's changes are overwritten.");
