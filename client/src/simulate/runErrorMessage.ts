import { ApiError } from '../api/fetchJson.ts';

/** Turns a failed run into a sentence that says what to do next. */
export function runErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return `The simulation could not run: ${error instanceof Error ? error.message : String(error)}.`;
  switch (error.code) {
    case 'version_not_found':
      return /not been published/.test(error.message)
        ? 'This flow has not been published yet. Publish the flow first to compare against it, or run the draft alone.'
        : `${error.message}. Choose another version to compare with.`;
    case 'flow_has_errors':
      return 'One of the versions has errors, so it cannot be simulated. Fix the errors in the draft (listed below) in the editor, then run again.';
    case 'unreachable':
      return 'The Baton server did not answer. Check that it is running, then run again.';
    default:
      return `The simulation could not run: ${error.message}.`;
  }
}
