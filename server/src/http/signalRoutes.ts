import express from 'express';
import type { SignalModelInfo } from '@baton/shared';
import { signalModel } from '../signals/index.ts';

/** `/api/signals`: what the learned detectors recommend, so the editor can show a trigger's default in words. */
export function signalRoutes(): express.Router {
  const r = express.Router();
  r.get('/', (_req, res) => {
    const { thresholds, trainedOn } = signalModel().header;
    res.json({ thresholds, trainedOn } satisfies SignalModelInfo);
  });
  return r;
}
