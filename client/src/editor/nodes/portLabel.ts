/** "no_match" reads "no match". */
export const portLabel = (port: string) => port.replaceAll('_', ' ');
