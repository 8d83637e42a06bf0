// Reading a payload file from disk (the CLI's send, validate and deliver; the suites' fixtures): only a
// regular file, and only up to a size a webhook can have. /dev/zero would otherwise be read until the
// process is killed, and a FIFO with no writer would block forever.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { WebhookStudioError } from './errors';
import { formatBytes } from './exchange';
import { t } from './l10n';

/** The largest payload file read: the listener's own request limit (no webhook is larger). */
export const PAYLOAD_FILE_LIMIT_BYTES = 25 * 1024 * 1024;

export class NotARegularFileError extends WebhookStudioError {
  readonly code = 'not-a-regular-file';
  constructor(path: string, kind: string) {
    super(t('{0} is not a regular file ({1}).', path, kind), t('Give the path of a payload file (.json) saved on disk.'));
  }
}

export class PayloadFileTooLargeError extends WebhookStudioError {
  readonly code = 'payload-file-too-large';
  constructor(path: string, limitBytes: number) {
    super(t('{0} is larger than {1}, the most a payload file may be.', path, formatBytes(limitBytes)), t('Check the path: no webhook payload is this large.'));
  }
}

function kindOf(stat: import('node:fs').Stats): string {
  if (stat.isDirectory()) return t('a folder');
  if (stat.isFIFO()) return t('a named pipe');
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return t('a device');
  if (stat.isSocket()) return t('a socket');
  return t('not a file');
}

/**
 * The bytes of a payload file. Opened without blocking (a FIFO with no writer opens at once and is then
 * refused), checked to be a regular file, and read to at most `limitBytes` (a file growing while read is
 * refused too). Errors of the file system (ENOENT, EACCES, …) are thrown as they are.
 */
export function readPayloadFile(path: string, limitBytes = PAYLOAD_FILE_LIMIT_BYTES): Buffer {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new NotARegularFileError(path, kindOf(stat));
    if (stat.size > limitBytes) throw new PayloadFileTooLargeError(path, limitBytes);
    // Read to the end, not to the size stat gave: the file may change meanwhile, and the limit still holds.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stat.size - length, 0) + 1, limitBytes + 1 - length, 1024 * 1024));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      length += read;
      if (length > limitBytes) throw new PayloadFileTooLargeError(path, limitBytes);
    }
    return Buffer.concat(chunks, length);
  } finally {
    closeSync(fd);
  }
}
