import { notify } from '../notify.ts';

/** Tells the person why the canvas did not do what they asked. */
export function refuse(reason: string): void {
  notify('red', 'Not connected', reason, false);
}
