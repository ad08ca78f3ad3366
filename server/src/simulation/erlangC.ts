/**
 * Erlang C for `agents` agents, Poisson arrivals at `callsPer30Min` and exponential handle times
 * averaging `ahtSeconds`: the probability that a caller waits, and the average speed of answer.
 * Hand-written: it is a few lines, and the check of the queue model must not depend on the model.
 */
export function erlangC(callsPer30Min: number, ahtSeconds: number, agents: number): { probabilityOfWaiting: number; averageSpeedOfAnswerSeconds: number } {
  const traffic = (callsPer30Min / 1800) * ahtSeconds; // offered load in Erlangs
  if (traffic >= agents) return { probabilityOfWaiting: 1, averageSpeedOfAnswerSeconds: Infinity };
  // Erlang B by its stable recurrence, then C from B.
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (traffic * b) / (k + traffic * b);
  const c = (agents * b) / (agents - traffic * (1 - b));
  return { probabilityOfWaiting: c, averageSpeedOfAnswerSeconds: (c * ahtSeconds) / (agents - traffic) };
}
