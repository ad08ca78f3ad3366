// The entry of a simulation worker thread. `execArgv: ['--import', 'tsx']` does not work for worker
// threads on Node 20 (the entry loads before the hooks are in place: ERR_UNKNOWN_FILE_EXTENSION), so
// this plain-JS entry registers tsx's hooks, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./simulationWorker.ts');
