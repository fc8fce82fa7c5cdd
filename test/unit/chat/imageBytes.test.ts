import * as assert from 'node:assert/strict';
import { decodedLength, sniffImage } from '../../../src/chat/imageBytes';

describe('pasted image bytes', () => {
  it('knows PNG, JPEG, GIF and WebP by their first bytes, not by a claimed type', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    assert.equal(sniffImage(png)?.contentType, 'image/png');
    assert.equal(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.extension, 'jpg');
    assert.equal(sniffImage(Buffer.from('GIF89a....'))?.extension, 'gif');
    assert.equal(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))?.extension, 'webp');
    for (const other of ['<svg onload=x>', '%PDF-1.7', 'PK\u0003\u0004', 'RIFF\0\0\0\0WAVE', ''])
      assert.equal(sniffImage(Buffer.from(other)), undefined, other);
  });

  it('knows how many bytes base64 holds before decoding it', () => {
    for (const bytes of [0, 1, 2, 3, 4, 5, 1000, 1001, 1002]) {
      const text = Buffer.alloc(bytes, 7).toString('base64');
      assert.equal(decodedLength(text), bytes, `${bytes} bytes`);
    }
  });
});
