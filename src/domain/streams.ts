/**
 * Response bodies made and read in pieces. /data/dossier.json is 72 MB at 10,000 entries:
 * made as one string it was the build's peak of memory (the string, twice its size for
 * any non-Latin-1 letter, then its UTF-8 bytes and the copies a Response makes of them).
 * Written in pieces, no more than a run of text is held at a time; read into one array,
 * it is copied once. Pure: web platform streams only.
 */

/** JSON.stringify's own output for a value, in pieces: objects and arrays split down to `depth` levels. */
export function* jsonPieces(value: unknown, depth = 2): Generator<string> {
  const split = depth > 0 && value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  if (!split) {
    yield JSON.stringify(value);
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      // As JSON.stringify writes them: a hole, undefined, a function or a symbol in an array is null.
      const v = value[i];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') yield 'null';
      else yield* jsonPieces(v, depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    // JSON.stringify leaves such a member out of an object.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(v, depth - 1);
  }
  yield '}';
}

/** Pieces of text joined into runs of about `size` characters (fewer, larger writes). */
export function* textRuns(pieces: Iterable<string>, size = 1 << 16): Generator<string> {
  let run: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    run.push(piece);
    length += piece.length;
    if (length >= size) {
      yield run.join('');
      run = [];
      length = 0;
    }
  }
  if (length > 0) yield run.join('');
}

/** A response body read from pieces of text as it is consumed, as UTF-8. */
export function textStream(pieces: Iterable<string>): ReadableStream<Uint8Array> {
  const runs = textRuns(pieces)[Symbol.iterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = runs.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}

/** A response body of bytes already in memory, handed over as they are (a Response made from a byte array copies it). */
export function bytesStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (bytes.length) controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** A body's bytes in one array, copied once (Response.arrayBuffer copies them twice: joined, then into their own buffer). */
export async function readBytes(body: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}
