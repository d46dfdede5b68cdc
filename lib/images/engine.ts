/**
 * Image configs from the local container engine, for images already there:
 * one `docker image inspect IMAGE...` (or podman's) for all of them.
 */
import { execFile } from 'child_process';
import { factsOf, inspectEntries } from './inspect';
import { ImageFacts } from './types';

/** A container engine's client: what to run. */
export interface Engine {
  readonly source: 'docker' | 'podman';
  /** The program, by name (looked up on PATH) or path. */
  readonly program: string;
  /** Global options before `image inspect` (podman's `--root DIR`, for example). @default - none */
  readonly args?: readonly string[];
}

/** Docker first, then podman. */
export const DEFAULT_ENGINES: readonly Engine[] = [
  { source: 'docker', program: 'docker' },
  { source: 'podman', program: 'podman' },
];

export interface EngineOptions {
  /** The engines to try, in order; the first that answers is used. @default DEFAULT_ENGINES */
  readonly engines?: readonly Engine[];
  /** How long one engine may take to answer. @default 10000 */
  readonly timeoutMs?: number;
}

/** What the local engine said. */
export interface EngineFacts {
  /** The images it has; an image it does not have is absent. */
  readonly facts: ReadonlyMap<string, ImageFacts>;
  /** The engine that answered. @default - none did */
  readonly engine?: Engine;
  /** Why each engine tried before it (or every engine) gave no answer, one line each. */
  readonly unanswered: readonly string[];
}

/**
 * The facts of the images the first engine that answers has (source
 * 'docker' or 'podman', from = the program, digest = the image Id). An engine
 * answers when its inspect exits 0 or fails only on images it does not have;
 * a client with no daemon, a missing program or a timeout does not.
 */
export async function engineFacts(images: readonly string[], options: EngineOptions = {}): Promise<EngineFacts> {
  const unanswered: string[] = [];
  if (images.length === 0) {
    return { facts: new Map(), unanswered };
  }
  for (const engine of options.engines ?? DEFAULT_ENGINES) {
    const answer = await inspect(engine, images, options.timeoutMs ?? 10_000);
    if ('reason' in answer) {
      unanswered.push(`${engine.program}: ${answer.reason}`);
      continue;
    }
    try {
      const where = `${engine.program} image inspect`;
      const entries = inspectEntries(JSON.parse(answer.stdout), where, `check the output of ${where}`);
      return { facts: factsOf(entries, images, engine.source, engine.program), engine, unanswered };
    } catch (e) {
      unanswered.push(`${engine.program}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return { facts: new Map(), unanswered };
}

/** What docker and podman print for an image they do not have. */
const MISSING = /no such image|no such object|image not known/i;

function inspect(engine: Engine, images: readonly string[], timeout: number): Promise<{ stdout: string } | { reason: string }> {
  const args = [...(engine.args ?? []), 'image', 'inspect', '--', ...images];
  return new Promise(resolve => {
    execFile(engine.program, args, { timeout, maxBuffer: 64 << 20, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err === null) {
        resolve({ stdout });
      } else if (err.code === 'ENOENT') {
        resolve({ reason: 'not found' });
      } else if (err.killed || err.signal !== null && err.signal !== undefined) {
        resolve({ reason: `no answer within ${timeout} ms` });
      } else if (MISSING.test(stderr)) {
        resolve({ stdout });
      } else {
        const line = stderr.split('\n').map(l => l.trim()).find(l => l !== '');
        resolve({ reason: line ?? `exit status ${err.code}` });
      }
    });
  });
}
