/** Whether speech recognition was unsure on each of the caller's last `turns` turns (`trend` includes this one). */
export function lowAsrConfidenceOf(trend: readonly number[], below: number, turns: number): { low: boolean; recent: number[] } {
  const recent = trend.slice(-turns);
  return { low: recent.length >= turns && recent.every((c) => c < below), recent };
}
