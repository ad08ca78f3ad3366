import { closeSync, openSync, readSync, statSync } from 'node:fs';

/**
 * Whether appending to `file` starts on a fresh line (true too when it is missing, empty or unreadable,
 * leaving the error to whoever opens it next). Synchronous, but only one stat and a one-byte read.
 */
export function endsWithNewline(file: string): boolean {
  try {
    const { size } = statSync(file);
    if (size === 0) return true;
    const fd = openSync(file, 'r');
    try {
      const byte = Buffer.alloc(1);
      readSync(fd, byte, 0, 1, size - 1);
      return byte[0] === 0x0a;
    } finally {
      closeSync(fd);
    }
  } catch {
    return true;
  }
}
