import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Who holds the data directory's lock: enough to tell, on the same machine, whether that process still runs. */
export interface LockOwner {
  pid: number;
  /** When the process started (clock ticks since boot, from /proc), so a reused process id is not mistaken for it. */
  startedAt: string | null;
  /** The kernel's boot id: a different one means the machine restarted since. */
  bootId: string | null;
  host: string;
}

export function describeProcess(pid: number): LockOwner {
  return { pid, startedAt: processStartTime(pid), bootId: readTrimmed('/proc/sys/kernel/random/boot_id'), host: os.hostname() };
}

/**
 * True only when the owner has provably ended: on this machine, and the machine rebooted since, or no process has its
 * id, or the process with its id started at another time (a container restart often reuses the same small ids).
 * An owner on another machine is never judged gone here.
 */
export function isSameProcessGone(owner: LockOwner, host: string): boolean {
  if (owner.host !== host) return false;
  const bootId = readTrimmed('/proc/sys/kernel/random/boot_id');
  if (owner.bootId && bootId && owner.bootId !== bootId) return true;
  if (!isAlive(owner.pid)) return true;
  const startedAt = processStartTime(owner.pid);
  return owner.startedAt !== null && startedAt !== null && startedAt !== owner.startedAt;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat; the command name before it may hold spaces and parentheses, so count from its end. */
function processStartTime(pid: number): string | null {
  const stat = readTrimmed(`/proc/${pid}/stat`);
  if (!stat) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

function readTrimmed(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}
