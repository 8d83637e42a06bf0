// The last N captures, in memory and (optionally) on disk, one JSON file per capture so a crash
// mid-write loses at most that capture and never corrupts the others. Oldest dropped first.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Capture } from './capture';

export interface HistoryOptions {
  /** Default 200. */
  maxCaptures?: number;
}

const FILE = /^(\d{10})\.json$/;

export class CaptureHistory {
  private captures: Capture[] = [];
  private nextSeq = 1;
  private writes: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  /** Files that could not be read at load (kept aside, reported once). */
  readonly unreadable: string[] = [];
  maxCaptures: number;

  private constructor(private readonly dir: string | undefined, options: HistoryOptions) {
    this.maxCaptures = Math.max(1, options.maxCaptures ?? 200);
  }

  /** An in-memory history (CLI, benchmarks). */
  static inMemory(options: HistoryOptions = {}): CaptureHistory {
    return new CaptureHistory(undefined, options);
  }

  /** Loads what an earlier session left in `dir`, keeping the newest `maxCaptures`. */
  static async open(dir: string, options: HistoryOptions = {}): Promise<CaptureHistory> {
    const history = new CaptureHistory(dir, options);
    await mkdir(dir, { recursive: true });
    const files = (await readdir(dir)).filter((f) => FILE.test(f)).sort();
    for (const file of files) {
      try {
        const capture = JSON.parse(await readFile(join(dir, file), 'utf8')) as Capture;
        if (typeof capture.id !== 'string' || typeof capture.receivedAt !== 'string') throw new Error('not a capture');
        history.captures.push(capture);
      } catch {
        history.unreadable.push(file);
        await rm(join(dir, file), { force: true });
      }
      history.nextSeq = Math.max(history.nextSeq, Number(FILE.exec(file)![1]) + 1);
    }
    history.trim();
    return history;
  }

  /** A new id, ordered after every earlier one (also across sessions). */
  newId(): string {
    return String(this.nextSeq++).padStart(10, '0');
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

  /** Resolves when every write so far is on disk. */
  flush(): Promise<void> {
    return this.writes;
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

  // Writes and deletes run one after another, in order, so a delete never races its own write.
  private persist(capture: Capture): void {
    const dir = this.dir;
    if (!dir) return;
    this.enqueue(async () => {
      const target = join(dir, `${capture.id}.json`);
      await writeFile(`${target}.tmp`, JSON.stringify(capture));
      await rename(`${target}.tmp`, target);
    });
  }

  private unlink(id: string): void {
    const dir = this.dir;
    if (!dir) return;
    this.enqueue(() => rm(join(dir, `${id}.json`), { force: true }));
  }

  private enqueue(work: () => Promise<void>): void {
    // A failed write (disk full) must not stop later ones; the capture stays in memory.
    this.writes = this.writes.then(work).catch(() => undefined);
  }
}
