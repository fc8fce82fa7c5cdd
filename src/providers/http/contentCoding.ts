// Undoes a Content-Encoding as servers and proxies really send it: a list of codings, and
// "deflate" in either of its forms. Errors are zlib's own; response.ts says what they mean.
import { Readable, type Transform } from 'node:stream';
import * as zlib from 'node:zlib';

type Bytes = AsyncIterable<Uint8Array>;
type Decoder = (input: Bytes) => AsyncGenerator<Uint8Array>;

const gunzip: Decoder = (input) => through(zlib.createGunzip(), input);

const DECODERS: ReadonlyMap<string, Decoder> = new Map([
  ['gzip', gunzip],
  ['x-gzip', gunzip],
  ['deflate', inflateEitherForm],
  ['br', (input: Bytes) => through(zlib.createBrotliDecompress(), input)],
]);

/** curl's limit (CVE-2022-32206): each layer multiplies what a small body can grow to. */
const MOST_CODINGS = 5;

/**
 * The codings a Content-Encoding lists, in the order they were applied, in lower case. Several
 * header lines mean one list, and "identity" (no coding), which proxies add beside the real one
 * ("gzip, identity"), is left out.
 */
export function listedCodings(header: string | readonly string[] | undefined): string[] {
  return [header ?? []]
    .flat()
    .join(',')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

/** What to name as the reason Twin Chat will not read `codings`, or undefined when it will. */
export function unreadableCoding(codings: readonly string[]): string | undefined {
  if (codings.length > MOST_CODINGS) return codings.join(', ');
  return codings.find((coding) => !DECODERS.has(coding));
}

/** `body` with each of `codings` undone, the last applied first; none may be unreadable. */
export function decodedBody(body: Bytes, codings: readonly string[]): Bytes {
  return codings.reduceRight((input, coding) => decoderFor(coding)(input), body);
}

function decoderFor(coding: string): Decoder {
  const decoder = DECODERS.get(coding);
  if (!decoder) throw new Error(`${coding} is unreadable: ask unreadableCoding first`);
  return decoder;
}

/** `input` through a zlib stream, read as it arrives. */
async function* through(decoder: Transform, input: Bytes): AsyncGenerator<Uint8Array> {
  const source = Readable.from(input);
  source.on('error', (error) => decoder.destroy(error));
  source.pipe(decoder);
  try {
    for await (const chunk of decoder) yield chunk as Uint8Array;
  } finally {
    // Without this `source` would go on reading `input` after the reader has left.
    source.destroy();
  }
}

/**
 * "deflate" means a zlib stream (RFC 9110), but IIS and older frameworks send the bare deflate
 * data, which zlib's inflate refuses ("incorrect header check"). Browsers tell the two apart by
 * the first two bytes, and so does Twin Chat.
 */
async function* inflateEitherForm(input: Bytes): AsyncGenerator<Uint8Array> {
  const { head, whole } = await firstBytes(input, 2);
  yield* through(opensZlibStream(head) ? zlib.createInflate() : zlib.createInflateRaw(), whole);
}

/**
 * Whether `head` is a zlib header (RFC 1950): the deflate method with a window zlib accepts, a
 * valid check, and no preset dictionary, which an HTTP body has no way to name.
 */
function opensZlibStream(head: Uint8Array): boolean {
  const [cmf, flg] = head;
  if (cmf === undefined || flg === undefined) return false;
  const deflateMethod = (cmf & 0x0f) === 8 && cmf >> 4 <= 7;
  const presetDictionary = (flg & 0x20) !== 0;
  return deflateMethod && (cmf * 256 + flg) % 31 === 0 && !presetDictionary;
}

/**
 * The first `count` bytes of `input` (fewer if it ends sooner), and all of `input` again. A chunk
 * may be a single byte, so one chunk is not always enough to look at.
 */
async function firstBytes(input: Bytes, count: number): Promise<{ head: Buffer; whole: Bytes }> {
  const chunks = input[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let length = 0;
  while (length < count) {
    const next = await chunks.next();
    if (next.done) break;
    seen.push(next.value);
    length += next.value.byteLength;
  }
  const rest: Bytes = { [Symbol.asyncIterator]: () => chunks };
  const whole = (async function* () {
    yield* seen;
    yield* rest;
  })();
  return { head: Buffer.concat(seen), whole };
}
