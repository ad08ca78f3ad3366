/**
 * A settings record as the API sends it: with `version`, which goes up by one on every save. Send it back as
 * `If-Match: "<version>"` when saving, so nobody's changes are silently overwritten.
 */
export type Versioned<T> = T & { version: number };
