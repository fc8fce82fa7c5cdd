// What a paste into Set TwinExpert API Key, Set KamiMind Token or Add KamiMind Bot brings along,
// copied from a curl example or a config file, is left out; the credential itself is untouched.
import * as assert from 'node:assert/strict';
import {
  KAMIMIND_BOT_TOKEN_FORMAT,
  KAMIMIND_TOKEN_FORMAT,
  TWINEXPERT_KEY_FORMAT,
  pastedCredential,
} from '../../../src/providers/credentialFormats';
import { DEMO_CREDENTIALS } from '../../simulator/server';

describe('a pasted credential', () => {
  const cases = [
    [DEMO_CREDENTIALS.twinExpertApiKey, TWINEXPERT_KEY_FORMAT],
    [DEMO_CREDENTIALS.kamiMindToken, KAMIMIND_TOKEN_FORMAT],
    [DEMO_CREDENTIALS.kamiMindBotToken, KAMIMIND_BOT_TOKEN_FORMAT],
  ] as const;

  for (const [secret, format] of cases) {
    it(`keeps ${secret.slice(0, 4)}… alone, in the shape its box asks for`, () => {
      const pastes = [
        secret,
        ` ${secret}\n`,
        `Bearer ${secret}`,
        `bearer  ${secret}\r\n`,
        `Authorization: Bearer ${secret}`,
        `"${secret}"`,
        `'Bearer ${secret}'`,
        `Bearer "${secret}"`,
        `\`${secret}\``,
      ];
      for (const pasted of pastes) {
        assert.equal(pastedCredential(pasted), secret, JSON.stringify(pasted));
        assert.ok(format.test(pastedCredential(pasted)));
      }
    });
  }

  it('leaves a value that is not a credential for the format check to refuse', () => {
    for (const odd of ['Bearer', '"unbalanced', 'two words', 'ak_"inner"quotes'])
      assert.equal(pastedCredential(odd), odd.trim());
  });
});
