/** A queue's webhook as the API shows it: the secret itself never leaves the server, only whether one is set. */
export interface WebhookView {
  url: string;
  /** Where the caller lookup is asked, if the queue has one. */
  lookupUrl?: string;
  enabled: boolean;
  allowPrivateNetwork: boolean;
  secretSet: boolean;
}
