// The last N captures, in memory and (optionally) on disk, one JSON file per capture so a crash
// mid-write loses at most that capture and never corrupts the others. Oldest dropped first.
// Several windows or processes may share one folder (VS Code windows without a folder all use the
// global storage): names carry random bits and files are created exclusively, so no capture ever
// replaces another; a file that cannot be read is kept aside, never deleted.
import type * as Crypto from 'node:crypto';
import type * as Fs from 'node:fs/promises';
import { join } from 'node:path';
import type { Capture } from './capture';
import { captureShape } from './capture-shape';

// Required on first use, like node:fs/promises below.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const randomBytes = (size: number): Buffer => (require('node:crypto') as typeof Crypto).randomBytes(size);

/** Required on first use: node:fs/promises (with readline and streams) costs every CLI start that never listens. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs = (): typeof Fs => require('node:fs/promises') as typeof Fs;

export interface HistoryOptions {
  /** Default 200. */
  maxCaptures?: number;
}

/** `0000000042-1a2b3c4d.json` (earlier versions wrote `0000000042.json`); `~2` when a name was taken. */
const FILE = /^(\d{10})(?:-[0-9a-f]{8})?(?:~\d+)?\.json$/;
/** A write in progress (`<name>.<random>.tmp`, earlier `<name>.tmp`): another process may be writing it now. */
const TEMPORARY = /\.json(?:\.[0-9a-f]+)?\.tmp$/;
/** A temporary file this old was left by a crash. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;
/** Suffix of files kept aside at load. */
export const CORRUPT_SUFFIX = '.corrupt';

export class CaptureHistory {
  private captures: Capture[] = [];
  private nextSeq = 1;
  /** Per capture id: the capture to write, or undefined to delete its file. */
  private readonly pending = new Map<string, Capture | undefined>();
  /** The file of each capture on disk (the name is its id, unless that was taken). */
  private readonly fileOf = new Map<string, string>();
  private writing: string | undefined;
  private draining: Promise<void> | undefined;
  private readonly listeners = new Set<() => void>();
  /** Files that could not be read at load: kept aside as `<file>.corrupt`, reported once. */
  readonly unreadable: string[] = [];
  /** Captures that could not be written (disk full, folder gone): they stay in memory. */
  writeFailures = 0;
  maxCaptures: number;

  private constructor(
    private readonly dir: string | undefined,
    options: HistoryOptions,
  ) {
    this.maxCaptures = Math.max(1, options.maxCaptures ?? 200);
  }

  /** An in-memory history (CLI, benchmarks). */
  static inMemory(options: HistoryOptions = {}): CaptureHistory {
    return new CaptureHistory(undefined, options);
  }

  /** Loads what earlier sessions left in `dir`, keeping the newest `maxCaptures`. */
  static async open(dir: string, options: HistoryOptions = {}): Promise<CaptureHistory> {
    const history = new CaptureHistory(dir, options);
    await fs().mkdir(dir, { recursive: true });
    const entries = await fs().readdir(dir);
    // A write interrupted before its link leaves only a temporary file: never a half capture.
    for (const temporary of entries.filter((f) => TEMPORARY.test(f))) await removeIfStale(join(dir, temporary));
    for (const file of entries.filter((f) => FILE.test(f)).sort()) {
      history.nextSeq = Math.max(history.nextSeq, Number(FILE.exec(file)![1]) + 1);
      const capture = await readCapture(join(dir, file));
      if (!capture || history.fileOf.has(capture.id)) {
        history.unreadable.push(file);
        await keepAside(dir, file);
        continue;
      }
      history.captures.push(capture);
      history.fileOf.set(capture.id, file);
    }
    history.trim();
    return history;
  }

  /** A new id, ordered after every earlier one of this folder, and unique across processes sharing it. */
  newId(): string {
    return `${String(this.nextSeq++).padStart(10, '0')}-${randomBytes(4).toString('hex')}`;
  }

  list(): readonly Capture[] {
    return this.captures;
  }

  get(id: string): Capture | undefined {
    return this.captures.find((c) => c.id === id);
  }

  add(capture: Capture): void {
    this.captures.push(capture);
    this.persist(capture);
    this.trim();
    this.changed();
  }

  remove(id: string): boolean {
    const index = this.captures.findIndex((c) => c.id === id);
    if (index === -1) return false;
    this.captures.splice(index, 1);
    this.unlink(id);
    this.changed();
    return true;
  }

  clear(): void {
    const ids = this.captures.map((c) => c.id);
    this.captures = [];
    for (const id of ids) this.unlink(id);
    this.changed();
  }

  /** Applies a new bound now (the setting changed). */
  setMaxCaptures(max: number): void {
    this.maxCaptures = Math.max(1, max);
    if (this.trim()) this.changed();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Resolves when every change so far is on disk. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private trim(): boolean {
    const excess = this.captures.length - this.maxCaptures;
    if (excess <= 0) return false;
    for (const dropped of this.captures.splice(0, excess)) this.unlink(dropped.id);
    return true;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  // Disk work is a queue of the latest wanted state per file, drained one operation at a time: a
  // flood coalesces (a capture dropped before it was written is never written), and a delete never
  // races its own write.
  private persist(capture: Capture): void {
    if (!this.dir) return;
    this.pending.set(capture.id, capture);
    this.drain();
  }

  private unlink(id: string): void {
    if (!this.dir) return;
    if (this.fileOf.has(id) || this.writing === id) this.pending.set(id, undefined);
    else this.pending.delete(id);
    this.drain();
  }

  private drain(): void {
    const dir = this.dir;
    if (this.draining || !dir) return;
    this.draining = (async () => {
      for (let next = this.pending.entries().next(); !next.done; next = this.pending.entries().next()) {
        const [id, capture] = next.value;
        this.pending.delete(id);
        try {
          if (capture) {
            this.writing = id;
            this.fileOf.set(id, await writeExclusively(dir, capture));
          } else {
            const file = this.fileOf.get(id);
            if (file) await fs().rm(join(dir, file), { force: true });
            this.fileOf.delete(id);
          }
        } catch {
          // Disk full or gone: the capture stays in memory; later changes still try.
          if (capture) this.writeFailures++;
        } finally {
          this.writing = undefined;
        }
      }
    })().finally(() => {
      this.draining = undefined;
    });
  }
}

/** The capture a file holds, if it parses and has every field the view reads. */
async function readCapture(path: string): Promise<Capture | undefined> {
  try {
    const parsed = captureShape.safeParse(JSON.parse(await fs().readFile(path, 'utf8')));
    return parsed.success ? (parsed.data as Capture) : undefined;
  } catch {
    return undefined;
  }
}

/** Renames an unreadable file to `<file>.corrupt` (`.corrupt-2`, ... when taken): kept for the user to look at. */
async function keepAside(dir: string, file: string): Promise<void> {
  for (let n = 1; n <= 100; n++) {
    const aside = join(dir, `${file}${CORRUPT_SUFFIX}${n === 1 ? '' : `-${n}`}`);
    if (
      await fs()
        .stat(aside)
        .then(
          () => true,
          () => false,
        )
    )
      continue;
    // Another process keeping the same file aside at the same moment finds it gone: nothing lost.
    await fs()
      .rename(join(dir, file), aside)
      .catch(() => undefined);
    return;
  }
}

async function removeIfStale(path: string): Promise<void> {
  try {
    if (Date.now() - (await fs().stat(path)).mtimeMs > STALE_TEMPORARY_MS) await fs().rm(path, { force: true });
  } catch {
    /* gone already: its writer finished */
  }
}

/**
 * Writes a capture under a name nobody else has: the whole file is written under a temporary name, then
 * hard-linked to `<id>.json` (which fails, instead of replacing, when the name exists), so readers never see
 * half a file and no capture replaces another. Returns the file name.
 */
async function writeExclusively(dir: string, capture: Capture): Promise<string> {
  const text = JSON.stringify(capture);
  const temporary = join(dir, `${capture.id}.json.${randomBytes(4).toString('hex')}.tmp`);
  await fs().writeFile(temporary, text, { flag: 'wx' });
  try {
    for (let n = 1; ; n++) {
      const file = n === 1 ? `${capture.id}.json` : `${capture.id}~${n}.json`;
      try {
        await fs().link(temporary, join(dir, file));
        return file;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST' && n < 100) continue;
        if (code === 'EEXIST') throw error;
        // No hard links in this folder: create the final name exclusively instead (never replacing).
        await fs().writeFile(join(dir, file), text, { flag: 'wx' });
        return file;
      }
    }
  } finally {
    await fs().rm(temporary, { force: true });
  }
}
