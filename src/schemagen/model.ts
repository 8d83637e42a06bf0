// The generator's data model: an example as extracted from a vendor document, then repaired.
import type { Provider } from '../core/provider';

export interface ExtractedExample {
  provider: Provider;
  /** The payload's event: `hook_type` (Chat2Desk) or `ChatEvent.Type` (IQChannels). */
  event: string;
  /** Chat2Desk: the name used to subscribe to the event (may differ from hook_type). */
  subscription?: string;
  /** Distinguishes several examples of one event (file name part). */
  variant?: string;
  /** The example's own heading, as written in the document. */
  title: string;
  /** English description of the event (for IQChannels: translation of the Russian title). */
  description: string;
  /** Which document and where, for messages. */
  origin: string;
  /** The example text as printed (entities already decoded). */
  text: string;
  /** Repairs made while extracting (before the text rules run). */
  extractionRepairs?: RepairNote[];
}

export interface RepairNote {
  rule: string;
  detail: string;
}

export interface RepairedExample extends ExtractedExample {
  value: Record<string, unknown>;
  repairs: RepairNote[];
  /** Values the document offers as alternatives (`"login"/"logout"`), by JSON path. */
  alternatives: Record<string, unknown[]>;
}
