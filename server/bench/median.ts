/** The middle value: the benches report medians so one disturbed round on a shared machine does not skew a figure. */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
