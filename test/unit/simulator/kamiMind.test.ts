import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { FormData, fetch, request } from 'undici';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator/server';
import { KM_AUTH, call, json } from './helpers';

const BOT = DEMO_CREDENTIALS.kamiMindBotToken;

function form(
  fields: Record<string, string>,
  files: { name: string; bytes: Buffer; type?: string }[] = [],
) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files)
    fd.append('files', new Blob([f.bytes], { type: f.type ?? 'application/octet-stream' }), f.name);
  return fd;
}

describe('simulator: KamiMind', () => {
  let sim: Simulator;
  let send: string;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
    send = `${sim.url}/public/v1/response`;
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  const post = (fd: FormData, headers: Record<string, string> = KM_AUTH) =>
    fetch(send, { method: 'POST', headers, body: fd });

  it('answers non-streaming with the documented envelope and a new story id', async () => {
    const res = await post(
      form({ story_id: '', bot_token: BOT, streaming: 'false', message: 'Xin chào' }),
    );
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      success: boolean;
      message: string;
      data: { message: string; story_id: string };
    };
    assert.equal(body.success, true);
    assert.equal(body.message, 'Chat successfully');
    assert.match(body.data.story_id, /^[0-9a-f-]{36}$/);
    assert.ok(body.data.message.includes('> Xin chào'));
    assert.deepEqual(Object.keys(body.data), ['message', 'story_id']);
  });

  it('parses three files for real, including all 256 byte values, and records their sha256', async () => {
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const text = Buffer.from('Xin chào 👋\r\n--not-a-boundary\r\n', 'utf8');
    const big = Buffer.alloc(300_000, 0xab);
    const files = [
      { name: 'bytes.bin', bytes: binary },
      { name: 'ghi chú.txt', bytes: text, type: 'text/plain' },
      { name: 'big.dat', bytes: big },
    ];
    const res = await post(form({ bot_token: BOT, message: 'Đọc tệp', streaming: 'false' }, files));
    const body = (await res.json()) as { data: { message: string } };
    assert.ok(body.data.message.includes('`bytes.bin` (256 B, 256 bytes)'));
    assert.ok(body.data.message.includes('`ghi chú.txt`'));
    const recorded = sim.requests.at(-1);
    assert.deepEqual(recorded?.fields, { bot_token: BOT, message: 'Đọc tệp', streaming: 'false' });
    assert.equal(recorded?.files?.length, 3);
    files.forEach((f, i) => {
      const got = recorded?.files?.[i];
      assert.equal(got?.field, 'files');
      assert.equal(got?.filename, f.name);
      assert.equal(got?.size, f.bytes.length);
      assert.equal(got?.sha256, createHash('sha256').update(f.bytes).digest('hex'));
      assert.ok(got?.bytes?.equals(f.bytes), `bytes of ${f.name}`);
    });
    assert.equal(recorded?.files?.[1]?.contentType, 'text/plain');
  });

  it('hashes but does not keep files over 1 MiB', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 0x5a);
    await (
      await post(form({ bot_token: BOT, message: 'lớn' }, [{ name: 'big.bin', bytes: big }]))
    ).arrayBuffer();
    const file = sim.requests.at(-1)?.files?.[0];
    assert.equal(file?.size, big.length);
    assert.equal(file?.sha256, createHash('sha256').update(big).digest('hex'));
    assert.equal(file?.bytes, undefined);
  });

  it('streams a 200 MiB upload through: size and sha256 recorded, bytes not kept', async () => {
    sim.configure({ maxUploadBytes: 256 * 1024 * 1024 });
    const boundary = 'simBigUpload';
    const block = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < block.length; i++) block[i] = (i * 31) & 0xff;
    const blocks = 200;
    const hash = createHash('sha256');
    for (let i = 0; i < blocks; i++) hash.update(block);
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="bot_token"\r\n\r\n${BOT}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\nbig\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.bin"\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    // The same 1 MiB block is sent 200 times, so neither side holds the whole upload.
    async function* upload(): AsyncGenerator<Buffer> {
      yield head;
      for (let i = 0; i < blocks; i++) yield await Promise.resolve(block);
      yield tail;
    }
    const res = await request(send, {
      method: 'POST',
      headers: { ...KM_AUTH, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: Readable.from(upload(), { objectMode: false }),
    });
    assert.equal(res.statusCode, 200);
    await res.body.text();
    const file = sim.requests.at(-1)?.files?.[0];
    assert.equal(file?.size, blocks * block.length);
    assert.equal(file?.sha256, hash.digest('hex'));
    assert.equal(file?.bytes, undefined);
  });

  it('answers an upload over the limit with 413 {success:false,message}', async () => {
    sim.configure({ maxUploadBytes: 64 * 1024 });
    const res = await post(
      form({ bot_token: BOT, message: 'x' }, [{ name: 'a.bin', bytes: Buffer.alloc(200_000) }]),
    );
    assert.equal(res.status, 413);
    const body = (await res.json()) as { success: boolean; message: string };
    assert.equal(body.success, false);
    assert.match(body.message, /too large/);
  });

  it('continues a story and serves its history in the documented shape', async () => {
    const first = (await (
      await post(form({ story_id: '', bot_token: BOT, message: 'Một' }))
    ).json()) as {
      data: { story_id: string };
    };
    const id = first.data.story_id;
    const second = (await (
      await post(form({ story_id: id, bot_token: BOT, message: 'Hai' }))
    ).json()) as {
      data: { message: string; story_id: string };
    };
    assert.equal(second.data.story_id, id);
    assert.ok(second.data.message.includes('turn 2'));
    sim.configure({ kmBotActor: 'ASSISTANT' });
    const reply = await call(`${sim.url}/api/bot/story/detail/${id}`, { headers: KM_AUTH });
    assert.equal(reply.status, 200);
    const story = (await json(reply)) as {
      success: boolean;
      data: {
        storyId: string;
        botToken: string;
        totalHist: number;
        createTime: string;
        modifiedTime: string;
        history: {
          chat_id: string;
          actor: string;
          question?: string;
          answer?: string;
          createTime: string;
        }[];
      };
    };
    assert.equal(story.success, true);
    assert.equal(story.data.storyId, id);
    assert.equal(story.data.botToken, BOT);
    assert.equal(story.data.totalHist, 4);
    assert.match(story.data.createTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
    assert.match(story.data.modifiedTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
    assert.deepEqual(
      story.data.history.map((h) => h.actor),
      ['CLIENT', 'ASSISTANT', 'CLIENT', 'ASSISTANT'],
    );
    assert.equal(story.data.history[0]?.question, 'Một');
    assert.ok(story.data.history[1]?.answer?.includes('> Một'));
    for (const h of story.data.history)
      assert.match(h.createTime, /^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/);
  });

  it('answers an unknown story with 404 DATA_NOT_FOUND (history and send)', async () => {
    const reply = await call(
      `${sim.url}/api/bot/story/detail/6b1f0000-0000-4000-8000-000000000000`,
      { headers: KM_AUTH },
    );
    assert.equal(reply.status, 404);
    assert.deepEqual(await json(reply), {
      success: false,
      message: 'Story not found',
      data: { code: 'DATA_NOT_FOUND' },
    });
    const res = await post(form({ story_id: 'nope', bot_token: BOT, message: 'x' }));
    assert.equal(res.status, 404);
    sim.configure({ kmUnknownStory: 'create' });
    const created = (await (
      await post(form({ story_id: 'mine', bot_token: BOT, message: 'x' }))
    ).json()) as {
      data: { story_id: string };
    };
    assert.equal(created.data.story_id, 'mine');
  });

  it('requires a Bearer token, bot_token and message; the nil UUID bot does not exist', async () => {
    const noAuth = await post(form({ bot_token: BOT, message: 'x' }), {});
    assert.equal(noAuth.status, 401);
    assert.equal(((await noAuth.json()) as { success: boolean }).success, false);
    const badToken = await post(form({ bot_token: BOT, message: 'x' }), {
      authorization: 'Bearer short',
    });
    assert.equal(badToken.status, 401);
    assert.equal((await post(form({ message: 'x' }))).status, 400);
    assert.equal((await post(form({ bot_token: BOT }))).status, 400);
    const nil = await post(
      form({ bot_token: '00000000-0000-0000-0000-000000000000', message: 'x' }),
    );
    assert.equal(nil.status, 404);
    assert.match(((await nil.json()) as { message: string }).message, /bot not found/i);
    sim.configure({ kmErrorsAs200: true });
    const as200 = await post(form({ bot_token: BOT, message: 'x' }), {});
    assert.equal(as200.status, 200);
    assert.equal(((await as200.json()) as { success: boolean }).success, false);
  });

  it('rejects malformed multipart and non-multipart bodies with {success:false}', async () => {
    const broken = await call(send, {
      method: 'POST',
      headers: { ...KM_AUTH, 'content-type': 'multipart/form-data; boundary=XYZ' },
      body: '--XYZ\r\nContent-Disposition: form-data; name="message"\r\n\r\nhi',
    });
    assert.equal(broken.status, 400);
    assert.match(String((await json(broken)).message), /Malformed multipart/);
    const jsonBody = await call(send, {
      method: 'POST',
      headers: { ...KM_AUTH, 'content-type': 'application/json' },
      body: '{"message":"hi"}',
    });
    assert.equal(jsonBody.status, 415);
    const get = await call(send, { headers: KM_AUTH });
    assert.equal(get.status, 405);
  });

  describe('streaming', () => {
    const streamed = (style: string) =>
      post(form({ story_id: '', bot_token: BOT, streaming: 'true', message: 'Kể chuyện' }), {
        ...KM_AUTH,
        'x-sim-config': JSON.stringify({ kmStreamStyle: style }),
      });

    it('raw: text/plain chunks, the story id in X-Story-Id and X-Mock-Story-Id', async () => {
      const res = await streamed('raw');
      assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
      const id = res.headers.get('x-mock-story-id') ?? '';
      assert.equal(res.headers.get('x-story-id'), id);
      const text = await res.text();
      assert.ok(text.startsWith('## Trả lời'));
      const history = await json(
        await call(`${sim.url}/api/bot/story/detail/${id}`, { headers: KM_AUTH }),
      );
      assert.equal((history.data as { totalHist: number }).totalHist, 2);
    });

    it('sse: chunk events, a final full envelope, then [DONE]', async () => {
      const res = await streamed('sse');
      assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      const text = await res.text();
      const datas = text
        .split('\n\n')
        .filter(Boolean)
        .map((b) => b.replace(/^data: /, ''));
      assert.equal(datas.at(-1), '[DONE]');
      const final = JSON.parse(datas.at(-2) ?? '') as {
        success: boolean;
        message: string;
        data: { message: string; story_id: string };
      };
      assert.equal(final.message, 'Chat successfully');
      const chunks = datas
        .slice(0, -2)
        .map((d) => JSON.parse(d) as { message: string; story_id: string });
      assert.equal(chunks.map((c) => c.message).join(''), final.data.message);
      assert.ok(chunks.every((c) => c.story_id === final.data.story_id));
    });

    it('ndjson: partial envelopes, the last one complete', async () => {
      const res = await streamed('ndjson');
      assert.equal(res.headers.get('content-type'), 'application/x-ndjson; charset=utf-8');
      const lines = (await res.text())
        .split('\n')
        .filter(Boolean)
        .map(
          (l) => JSON.parse(l) as { done: boolean; message?: string; data: { message: string } },
        );
      const last = lines.at(-1);
      assert.equal(last?.done, true);
      assert.equal(last?.message, 'Chat successfully');
      assert.equal(
        lines
          .slice(0, -1)
          .map((l) => l.data.message)
          .join(''),
        last?.data.message,
      );
      assert.ok(lines.slice(0, -1).every((l) => l.done === false));
    });

    it('json: the server ignores streaming and sends the plain envelope', async () => {
      const res = await streamed('json');
      assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
      const body = (await res.json()) as { success: boolean };
      assert.equal(body.success, true);
    });
  });
});
