/**
 * Reads a JSON file that must hold one top-level array, as a stream, in bounded memory, handing
 * its elements on in batches. A small structural scanner finds where each element starts and
 * ends (strings skipped with indexOf, nesting depth counted), and JSON.parse parses each run of
 * complete elements: stream-json's token stream was measured at ~19 MB/s here, far too slow for
 * the several hundred MB of a long history; this reads at JSON.parse speed. Memory is one chunk
 * plus at most one unfinished element (itself bounded by `maxEntryBytes`).
 */
import { ImportError } from "./errors";
import { formatBytes } from "./limits";

export type JsonArrayOptions = {
  maxBytes: number;
  maxEntryBytes: number;
  maxDepth: number;
  /** Called with each run of parsed elements and the index of the first; awaited (backpressure). */
  onValues(values: unknown[], firstIndex: number): Promise<void> | void;
  onBytes?(bytes: number): void;
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

const enum Phase {
  BeforeArray,
  FirstValue,
  NextValue,
  AfterValue,
  AfterArray,
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function describeByte(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? `'${String.fromCharCode(byte)}'` : `byte 0x${byte.toString(16).padStart(2, "0")}`;
}

export async function readJsonArray(fileName: string, chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, options: JsonArrayOptions): Promise<number> {
  let phase: Phase = Phase.BeforeArray;
  let carry: Buffer | null = null;
  let index = 0;
  let total = 0;
  /** Bytes of the file before the buffer being scanned (a carried element excluded). */
  let scannedBefore = 0;

  const fail = (message: string): never => {
    throw new ImportError(`${fileName}: ${message}`);
  };
  const failAt = (entryIndex: number, message: string): never => {
    throw new ImportError(`${fileName}[${entryIndex}]: ${message}`);
  };

  /** End (exclusive) of the value starting at `start`, or -1 when the buffer ends first. */
  const valueEnd = (buf: Buffer, start: number): number => {
    const first = buf[start];
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET && first !== QUOTE) {
      // A bare number, true, false or null: it ends at the next delimiter.
      for (let j = start; j < buf.length; j += 1) {
        const byte = buf[j];
        if (byte === COMMA || byte === CLOSE_BRACKET || byte === CLOSE_BRACE || isWhitespace(byte)) return j;
      }
      return -1;
    }
    let depth = 0;
    let j = start;
    while (j < buf.length) {
      const byte = buf[j];
      if (byte === QUOTE) {
        let q = j + 1;
        for (;;) {
          q = buf.indexOf(QUOTE, q);
          if (q < 0) return -1;
          let backslashes = 0;
          for (let b = q - 1; buf[b] === BACKSLASH; b -= 1) backslashes += 1;
          if (backslashes % 2 === 0) break;
          q += 1;
        }
        j = q + 1;
        if (depth === 0) return j;
        continue;
      }
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth += 1;
        if (depth > options.maxDepth) failAt(index, `nested deeper than ${options.maxDepth} levels; refused`);
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth -= 1;
        if (depth === 0) return j + 1;
      }
      j += 1;
    }
    return -1;
  };

  const parseRun = (buf: Buffer, bounds: number[], firstIndex: number): unknown[] => {
    const start = bounds[0];
    const end = bounds[bounds.length - 1];
    try {
      return JSON.parse(`[${buf.toString("utf8", start, end)}]`) as unknown[];
    } catch {
      // Find the culprit so the message can name its index.
      for (let k = 0; k < bounds.length; k += 2) {
        try {
          JSON.parse(buf.toString("utf8", bounds[k], bounds[k + 1]));
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          failAt(firstIndex + k / 2, `not valid JSON (${detail})`);
        }
      }
      return fail("not valid JSON");
    }
  };

  const scan = async (buf: Buffer): Promise<void> => {
    let i = 0;
    const bounds: number[] = [];
    const runStartIndex = index;
    while (i < buf.length) {
      const byte = buf[i];
      if (isWhitespace(byte)) {
        i += 1;
        continue;
      }
      if (phase === Phase.BeforeArray) {
        const offset = scannedBefore + i;
        if (offset < 3 && byte === UTF8_BOM[offset]) {
          i += 1;
          continue;
        }
        if (byte === OPEN_BRACKET) {
          phase = Phase.FirstValue;
          i += 1;
          continue;
        }
        if (byte === OPEN_BRACE) fail("not a JSON array (the file holds an object); expected an array of entries");
        fail(`not JSON: expected '[' but found ${describeByte(byte)} at the start`);
      }
      if (phase === Phase.AfterArray) fail(`unexpected ${describeByte(byte)} after the end of the array`);
      if (phase === Phase.AfterValue) {
        if (byte === COMMA) phase = Phase.NextValue;
        else if (byte === CLOSE_BRACKET) phase = Phase.AfterArray;
        else failAt(index - 1, `not valid JSON: expected ',' or ']' after the entry but found ${describeByte(byte)}`);
        i += 1;
        continue;
      }
      if (byte === CLOSE_BRACKET && phase === Phase.FirstValue) {
        phase = Phase.AfterArray;
        i += 1;
        continue;
      }
      const end = valueEnd(buf, i);
      if (end < 0) {
        if (buf.length - i > options.maxEntryBytes) failAt(index, `entry larger than ${formatBytes(options.maxEntryBytes)}; refused`);
        carry = Buffer.from(buf.subarray(i));
        break;
      }
      if (end - i > options.maxEntryBytes) failAt(index, `entry larger than ${formatBytes(options.maxEntryBytes)}; refused`);
      bounds.push(i, end);
      index += 1;
      phase = Phase.AfterValue;
      i = end;
    }
    if (bounds.length > 0) await options.onValues(parseRun(buf, bounds, runStartIndex), runStartIndex);
  };

  for await (const chunk of chunks) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > options.maxBytes) fail(`inflates to more than ${formatBytes(options.maxBytes)}; refused`);
    options.onBytes?.(bytes.length);
    const carried: Buffer | null = carry;
    const buf: Buffer = carried ? Buffer.concat([carried, bytes]) : bytes;
    carry = null;
    await scan(buf);
    scannedBefore += bytes.length;
  }
  // `phase` is changed by scan(); TypeScript cannot see that through the closure.
  const finalPhase = phase as Phase;
  if (finalPhase === Phase.BeforeArray) fail("empty file; expected a JSON array of entries");
  // Truncated: name the entry the file ends in, or the one that should have followed.
  if (finalPhase !== Phase.AfterArray && carry) failAt(index, "unexpected end of file inside this entry (truncated JSON?)");
  if (finalPhase !== Phase.AfterArray) failAt(index, `unexpected end of file after ${index} entries, before the closing ] (truncated JSON?)`);
  return index;
}
