import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MODEL_FILE } from './corpus.ts';
import { HandoffModel, ModelFileError } from './HandoffModel.ts';
import { loadWordGroups } from './wordGroups.ts';

let loaded: HandoffModel | null = null;

/**
 * Loads the learned detectors' model file and the word groups it reads with (the server does this at start, so a
 * missing or damaged file stops it there with a message saying which file and how to rebuild it, rather than failing
 * on a caller's turn).
 */
export function loadSignalModel(file = MODEL_FILE): HandoffModel {
  const shown = path.relative(process.cwd(), file) || file;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : `cannot be read (${(error as Error).message})`;
    throw new Error(`The handoff-signals model ${shown} ${why}. Rebuild it with "npm run train:signals".`);
  }
  // The word groups the model reads turns with are part of it (its header names them).
  loadWordGroups();
  try {
    loaded = HandoffModel.fromFile(bytes);
  } catch (error) {
    if (!(error instanceof ModelFileError)) throw error;
    throw new Error(`The handoff-signals model ${shown} cannot be used: ${error.message}. Rebuild it with "npm run train:signals".`);
  }
  return loaded;
}

/** Reads turns with this model from now on (the evaluation judges calls with models trained without a source). */
export function useSignalModel(model: HandoffModel): void {
  loaded = model;
}

/** The model the signals read turns with: the one loaded at start, or loaded now. */
export function signalModel(): HandoffModel {
  return loaded ?? loadSignalModel();
}
