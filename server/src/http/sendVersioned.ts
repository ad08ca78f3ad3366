import type { Response } from 'express';

/** Answers with a versioned record and its ETag, which the next save sends back as If-Match. */
export function sendVersioned(res: Response, record: { version: number }, status = 200): void {
  res.status(status).set('ETag', `"${record.version}"`).json(record);
}
