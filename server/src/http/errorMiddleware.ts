import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../errors.ts';

/** Body-parser errors carry a `type` (or, when a compressed body does not inflate, zlib's `errno`); each becomes a 4xx that says what to fix. */
function fromBodyParser(err: { type?: string; limit?: number; status?: number; errno?: unknown }, req: Request): AppError | null {
  switch (err.type) {
    case 'entity.parse.failed':
      return new AppError(400, 'invalid_json', 'The request body is not valid JSON. Check for missing quotes, commas or brackets.');
    case 'entity.too.large':
      return new AppError(413, 'body_too_large', `The request body is larger than the ${Math.round((err.limit ?? 0) / 1024)} KB limit.`);
    case 'parameters.too.many':
      return new AppError(413, 'body_too_large', 'The request has more form fields than a webhook ever sends.');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new AppError(415, 'unsupported_encoding', 'Send the body as UTF-8 JSON.');
  }
  const encoding = req.headers['content-encoding'];
  if (err.status === 400 && typeof err.errno === 'number' && encoding)
    return new AppError(400, 'invalid_compressed_body', `The body says it is ${encoding.slice(0, 20)}-compressed (Content-Encoding: ${encoding.slice(0, 20)}) but is not, or is cut short. Send it compressed that way, or send it plain without Content-Encoding.`);
  return null;
}

/** The one place errors become responses: `{ error: { code, message, issues? } }`, never a 500 for bad input. */
export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    // The client hung up mid-upload: nothing went wrong here, and anyone could fill the error log this way.
    if (err?.type === 'request.aborted') {
      log.debug({ method: req.method, path: req.path, received: err.received, expected: err.expected }, 'upload aborted by the client');
      if (!res.headersSent) res.status(400).end();
      return;
    }
    const known = err instanceof AppError ? err : fromBodyParser(err, req);
    if (known) {
      res.status(known.status).json({ error: { code: known.code, message: known.message, ...(known.issues ? { issues: known.issues } : {}) } });
      return;
    }
    log.error({ err }, 'unexpected error');
    res.status(500).json({ error: { code: 'internal_error', message: 'Something went wrong on the server. It has been logged; try again.' } });
  };
}

export const apiNotFound: RequestHandler = (req, _res, next) => next(new AppError(404, 'no_such_endpoint', `There is no ${req.method} ${req.path} in the API.`));
