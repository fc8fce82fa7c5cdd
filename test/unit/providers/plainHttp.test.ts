import * as assert from 'node:assert/strict';
import { isLoopbackHost } from '../../../src/providers/http/plainHttp';

// Plain http:// is allowed only where no network is crossed. Hosts as URL parses them, since that
// is what the client checks (it normalises 0x7f.1 and 2130706433 to 127.0.0.1).

const hostOf = (url: string) => new URL(url).hostname;

describe('which hosts plain http may reach', () => {
  it('this computer: 127.0.0.0/8, ::1 and localhost, however they are written', () => {
    for (const url of [
      'http://127.0.0.1:3000/api/v1',
      'http://127.1.2.3',
      'http://0x7f.1',
      'http://2130706433',
      'http://[::1]:8080',
      'http://[0:0:0:0:0:0:0:1]',
      'http://LOCALHOST:3000',
    ])
      assert.ok(isLoopbackHost(hostOf(url)), url);
  });

  it('nothing else, including names that only look local', () => {
    for (const url of [
      'http://api.twinexpert.com/api/v1',
      'http://127.0.0.1.evil.example',
      'http://localhost.evil.example',
      'http://10.0.0.7:8080',
      'http://128.0.0.1',
      'http://[::2]',
      'http://[::ffff:c0a8:1]',
    ])
      assert.ok(!isLoopbackHost(hostOf(url)), url);
  });
});
