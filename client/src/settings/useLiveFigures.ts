import { usePolling } from './usePolling.ts';
import { fetchLiveFigures } from './staffingApi.ts';

/** How often the supervisor's figures refresh. */
export const LIVE_REFRESH_MS = 5_000;

/** Every queue's and agent's live figures, refreshed every 5 s while the page is visible. */
export const useLiveFigures = () => usePolling(fetchLiveFigures, LIVE_REFRESH_MS);
