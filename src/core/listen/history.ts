// The last N captures, in memory and (optionally) on disk, one JSON file per capture so a crash
// mid-write loses at most that capture and never corrupts the others. Oldest dropped first.
import type * as Fs from 'node:fs/promises';
import { join } from 'node:path';
import type { Capture } from './capture';

/** Required on first use: node:fs/promises (with readline and streams) costs every CLI start that never listens. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs = (): typeof Fs => require('node:fs/promises') as typeof Fs;

export interface HistoryOptions {
  /** Default 200. */
  maxCaptures?: number;
}

const FILE = /^(\d{10})\.json$/;

export class CaptureHistory {
  private captures: Capture[] = [];
  private nextSeq = 1;
  /** Per capture id: the capture to write, or undefined to delete its file. */
  private readonly pending = new Map<string, Capture | undefined>();
  private readonly onDisk = new Set<string>();
  private writing: string | undefined;
  private draining: Promise<void> | undefined;
  private readonly listeners = new Set<() => void>();
  /** Files that could not be read at load (kept aside, reported once). */
  readonly unreadable: string[] = [];
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

  /** Loads what an earlier session left in `dir`, keeping the newest `maxCaptures`. */
  static async open(dir: string, options: HistoryOptions = {}): Promise<CaptureHistory> {
    const history = new CaptureHistory(dir, options);
    await fs().mkdir(dir, { recursive: true });
    const entries = await fs().readdir(dir);
    // A write interrupted before its rename leaves only a .tmp: never a half capture.
    for (const stale of entries.filter((f) => f.endsWith('.json.tmp'))) await fs().rm(join(dir, stale), { force: true });
    const files = entries.filter((f) => FILE.test(f)).sort();
    for (const file of files) {
      try {
        const capture = JSON.parse(await fs().readFile(join(dir, file), 'utf8')) as Capture;
        if (typeof capture.id !== 'string' || typeof capture.receivedAt !== 'string') throw new Error('not a capture');
        history.captures.push(capture);
        history.onDisk.add(capture.id);
      } catch {
        history.unreadable.push(file);
        await fs().rm(join(dir, file), { force: true });
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
    if (this.onDisk.has(id) || this.writing === id) this.pending.set(id, undefined);
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
        const target = join(dir, `${id}.json`);
        try {
          if (capture) {
            this.writing = id;
            await fs().writeFile(`${target}.tmp`, JSON.stringify(capture));
            await fs().rename(`${target}.tmp`, target);
            this.onDisk.add(id);
          } else {
            await fs().rm(target, { force: true });
            this.onDisk.delete(id);
          }
        } catch {
          // Disk full or gone: the capture stays in memory; later changes still try.
        } finally {
          this.writing = undefined;
        }
      }
    })().finally(() => {
      this.draining = undefined;
    });
  }
}
