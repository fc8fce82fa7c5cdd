import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { MultipartError, boundaryOf, parseMultipart } from '../../simulator/multipart';

const BOUNDARY = '----simBoundary7MA4YWxkTrZu0gW';
const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

function body(): Buffer {
  const crlf = '\r\n';
  return Buffer.concat([
    Buffer.from(
      `preamble${crlf}--${BOUNDARY}${crlf}Content-Disposition: form-data; name="message"${crlf}${crlf}Xin chào 👋${crlf}`,
    ),
    Buffer.from(
      `--${BOUNDARY}${crlf}Content-Disposition: form-data; name="files"; filename="a\\"b.bin"${crlf}`,
    ),
    Buffer.from(`Content-Type: application/octet-stream${crlf}${crlf}`),
    binary,
    Buffer.from(
      `${crlf}--${BOUNDARY}${crlf}Content-Disposition: form-data; name="files"; filename*=UTF-8''t%E1%BB%87p.txt${crlf}${crlf}`,
    ),
    Buffer.from(`\r\n--${BOUNDARY.slice(0, 10)} not a delimiter`),
    Buffer.from(`${crlf}--${BOUNDARY}--${crlf}epilogue`),
  ]);
}

/** The request stream as `cuts` split it; each piece arrives on a later turn, like socket reads. */
async function* pieces(data: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (const cut of cuts) {
    yield await Promise.resolve(data.subarray(at, cut));
    at = cut;
  }
  yield data.subarray(at);
}

describe('simulator: multipart parser', () => {
  it('reads the boundary from Content-Type, quoted or not', () => {
    assert.equal(boundaryOf('multipart/form-data; boundary=abc'), 'abc');
    assert.equal(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b"'), 'a b');
    assert.equal(boundaryOf('application/json'), undefined);
  });

  it('gives the same result whatever the chunk boundaries (every split point, and 1-byte chunks)', async () => {
    const data = body();
    const expectedText = `\r\n--${BOUNDARY.slice(0, 10)} not a delimiter`;
    const check = async (cuts: number[]) => {
      const result = await parseMultipart(pieces(data, cuts), BOUNDARY, 1e6);
      assert.deepEqual(result.fields, { message: 'Xin chào 👋' });
      assert.equal(result.files.length, 2);
      assert.equal(result.files[0]?.filename, 'a"b.bin');
      assert.ok(result.files[0]?.bytes?.equals(binary));
      assert.equal(result.files[0]?.sha256, createHash('sha256').update(binary).digest('hex'));
      assert.equal(result.files[1]?.filename, 'tệp.txt');
      assert.equal(result.files[1]?.contentType, 'text/plain');
      assert.equal(result.files[1]?.bytes?.toString('utf8'), expectedText);
    };
    for (let cut = 0; cut <= data.length; cut++) await check([cut]);
    await check(Array.from({ length: data.length }, (_, i) => i));
  });

  it('reports truncated bodies and oversize uploads', async () => {
    const data = body();
    await assert.rejects(
      parseMultipart(pieces(data.subarray(0, 200), []), BOUNDARY, 1e6),
      (e: unknown) => e instanceof MultipartError && e.reason === 'malformed',
    );
    await assert.rejects(
      parseMultipart(pieces(data, [100, 200]), BOUNDARY, 150),
      (e: unknown) => e instanceof MultipartError && e.reason === 'tooLarge',
    );
    await assert.rejects(
      parseMultipart(pieces(Buffer.from('no boundary here'), []), BOUNDARY, 1e6),
      (e: unknown) => e instanceof MultipartError && e.reason === 'malformed',
    );
  });
});
