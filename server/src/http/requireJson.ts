import type { RequestHandler } from 'express';
import { AppError } from '../errors.ts';

/** POST and PUT bodies must be JSON; anything else would silently arrive empty. */
export const requireJson: RequestHandler = (req, _res, next) => {
  const type = req.headers['content-type'];
  // A plain look at the header: it runs on every call turn ("application/json", "…; charset=utf-8", "application/x+json").
  if (type !== undefined && (req.method === 'POST' || req.method === 'PUT') && req.headers['content-length'] !== '0' && !/^application\/([a-z.+-]*\+)?json\s*(;|$)/i.test(type))
    return next(new AppError(415, 'unsupported_media_type', 'Send the body as JSON with the header Content-Type: application/json.'));
  next();
};
