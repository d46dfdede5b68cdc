/**
 * A lock file that never hangs silently: the synth's `<out>.lock` and the
 * import's `charts/.import.lock`. The file is created whole (written beside it,
 * then hard-linked into place), so a lock being taken is never seen empty; a
 * lock that is stale (its process no longer runs), empty or unreadable is
 * taken over with a message; a wait says what it waits for every few seconds
 * and gives up after a bound, naming the file to remove.
 *
 * Time is counted in polls (no clock): tests inject `sleep` and `alive`.
 */
import * as fs from 'fs';

/** A lock held by a live process for longer than the wait allows, or one that cannot be taken over. */
export class LockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockError';
  }
}

/** How {@link acquireLock} waits and what it says. */
export interface LockOptions {
  /** Who takes the lock, as the messages name it: `synth`, `import`. */
  readonly holder: string;
  /** Receives each line about a wait or a takeover. @default - nothing is said */
  readonly say?: (line: string) => void;
  /** Seconds to wait for a live holder before giving up. @default 120 */
  readonly timeoutSeconds?: number;
  /** Seconds between two lines about the same wait. @default 5 */
  readonly sayEverySeconds?: number;
  /** Blocks for the given milliseconds. @default - a blocking wait of the thread */
  readonly sleep?: (ms: number) => void;
  /** Whether a process runs. @default - signal 0 to the process */
  readonly alive?: (pid: number) => boolean;
  /** The id written into the lock. @default - this process's */
  readonly pid?: number;
}

/** Milliseconds between two attempts. */
export const POLL_MS = 50;

/** What a lock file says about its holder. */
type Holder = { readonly pid: number; readonly text: string } | { readonly stale: string; readonly text: string } | 'gone';

/**
 * Takes the lock `file` and returns its release, waiting while a live process
 * holds it (see the module comment).
 */
export function acquireLock(file: string, options: LockOptions): () => void {
  const sleep = options.sleep ?? blockingSleep;
  const alive = options.alive ?? processAlive;
  const pid = options.pid ?? process.pid;
  const say = options.say ?? (() => undefined);
  const timeoutMs = (options.timeoutSeconds ?? 120) * 1000;
  const everyPolls = Math.max(1, Math.round(((options.sayEverySeconds ?? 5) * 1000) / POLL_MS));
  for (let polls = 0; ; ) {
    if (tryCreate(file, pid)) {
      return () => release(file, pid);
    }
    const holder = readHolder(file);
    if (holder === 'gone') {
      continue;
    }
    const stale = 'stale' in holder ? holder.stale : alive(holder.pid) ? undefined : `process ${holder.pid} no longer runs`;
    if (stale !== undefined && takeOver(file, holder.text, pid, alive)) {
      say(`${options.holder}: took over the lock '${file}': ${stale}`);
      continue;
    }
    if (stale === undefined && 'pid' in holder) {
      if (polls * POLL_MS >= timeoutMs) {
        throw new LockError(`another ${options.holder} (process ${holder.pid}) has held '${file}' for ${timeoutMs / 1000} s; `
          + `wait for it to finish or, if no ${options.holder} runs, remove '${file}'`);
      }
      if (polls % everyPolls === 0) {
        say(`${options.holder}: waiting for another ${options.holder} (process ${holder.pid}) to release '${file}'`
          + `${polls === 0 ? '' : ` (${(polls * POLL_MS) / 1000} s so far)`}; if no ${options.holder} runs, remove '${file}'`);
      }
    }
    sleep(POLL_MS);
    polls++;
  }
}

/** Creates the lock with this process id in one step; false when it exists. */
function tryCreate(file: string, pid: number): boolean {
  const whole = `${file}.${pid}.new`;
  try {
    fs.writeFileSync(whole, `${pid}\n`);
  } catch (e) {
    // The lock could not be written at all (a full disk, a read-only folder): say so under the lock's own name.
    fs.rmSync(whole, { force: true });
    (e as Error).message = (e as Error).message.replace(whole, file);
    throw e;
  }
  try {
    fs.linkSync(whole, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw e;
  } finally {
    fs.rmSync(whole, { force: true });
  }
}

function readHolder(file: string): Holder {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'gone' : { stale: `it cannot be read (${code ?? (e as Error).message})`, text: `\0${code}` };
  }
  if (text === '') {
    return { stale: 'it is empty (a full disk or a crash while it was written)', text };
  }
  const pid = Number(text.trim());
  return /^[1-9][0-9]*$/.test(text.trim()) && Number.isSafeInteger(pid) ? { pid, text } : { stale: `it holds '${text.trim().slice(0, 40)}', not a process id`, text };
}

/**
 * Removes a stale lock that still says `text`, while holding `<file>.takeover`,
 * so that two processes taking over the same lock never remove each other's
 * new lock. False when another process is taking it over right now.
 */
function takeOver(file: string, text: string, pid: number, alive: (pid: number) => boolean): boolean {
  const guard = `${file}.takeover`;
  if (!tryCreate(guard, pid)) {
    const holder = readHolder(guard);
    // A takeover lasts a moment: a guard whose process is gone is removed, and the takeover tried again at the next poll.
    if (holder !== 'gone' && ('stale' in holder || !alive(holder.pid))) {
      fs.rmSync(guard, { force: true });
    }
    return false;
  }
  try {
    const now = readHolder(file);
    if (now !== 'gone' && now.text === text) {
      try {
        fs.unlinkSync(file);
      } catch (e) {
        throw new LockError(`the lock '${file}' is stale but cannot be removed (${(e as Error).message}); remove it by hand`);
      }
    }
    return true;
  } finally {
    release(guard, pid);
  }
}

/** Removes the lock when it is still this process's. */
function release(file: string, pid: number): void {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return;
  }
  if (text === `${pid}\n`) {
    fs.rmSync(file, { force: true });
  }
}

const SLEEPER = new Int32Array(new SharedArrayBuffer(4));

function blockingSleep(ms: number): void {
  Atomics.wait(SLEEPER, 0, 0, ms);
}

/** Whether a process runs (EPERM: it runs under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
