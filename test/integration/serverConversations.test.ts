import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { eventually } from '../harness/eventually';
import { DEMO_CREDENTIALS, type Simulator } from '../simulator/server';
import type { PromptScript } from './prompts';
import { connectSignedIn, disconnect } from './simulatorConnection';
import { activeExtension, filesContaining, workspaceFile } from './vscodeHelpers';

const profile = process.env.TWIN_CHAT_TEST_PROFILE ?? '';

/** Sends the first line of sample.ts to whatever conversation the chat has open. */
async function sendOneMore(): Promise<void> {
  const editor = await vscode.window.showTextDocument(workspaceFile('sample.ts'));
  editor.selection = new vscode.Selection(0, 0, 0, 25);
  await vscode.commands.executeCommand(Commands.sendSelection);
}

/** The saved conversation files (not the index, not logs) that contain every one of `texts`. */
function conversationFilesWith(...texts: string[]): string[] {
  return filesContaining(profile, texts[0] ?? '').filter((file) => {
    if (!/[\\/]conversations[\\/][^\\/]+\.json$/.test(file) || file.endsWith('index.json'))
      return false;
    const text = fs.readFileSync(file, 'utf8');
    return texts.every((t) => text.includes(t));
  });
}

describe('conversations made on the servers, opened in VS Code', () => {
  let sim: Simulator;
  let prompts: PromptScript & { restore(): void };

  before(async () => {
    assert.ok(profile, 'the harness passes the profile folder');
    ({ sim, prompts } = await connectSignedIn({ kamiMindBot: 'Story bot' }));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await disconnect({ sim, prompts });
  });

  beforeEach(() => {
    prompts.messages.length = 0;
  });

  it('opens a TwinExpert conversation made on the web, shows its messages and continues it', async () => {
    sim.configure({ teMessageHistory: true });
    const seeded = sim.seedTwinExpertConversation({
      twinId: 'twin-legal',
      title: 'Hỏi về hợp đồng thuê nhà',
      messages: [
        { role: 'user', content: 'Hợp đồng thuê nhà cần những gì?' },
        { role: 'assistant', content: 'Cần chữ ký của cả hai bên và thời hạn thuê.' },
      ],
    });
    await vscode.commands.executeCommand(Commands.selectTarget, 'twinexpert:twin-legal');
    prompts.picks.push('Hỏi về hợp đồng thuê nhà');
    await vscode.commands.executeCommand(Commands.openTwinExpertConversation);
    assert.equal(prompts.picks.length, 0, 'the seeded conversation was listed and picked');
    const listed = sim.requests.find(
      (r) => r.path === '/api/v1/conversations' && r.method === 'GET',
    );
    assert.equal(listed?.query.twinId, 'twin-legal');
    await eventually(
      () => conversationFilesWith(seeded, 'Cần chữ ký của cả hai bên').length === 1,
      'the server history saved as one local conversation linked to the server id',
    );

    await sendOneMore();
    const sent = sim.requests.filter((r) => r.method === 'POST' && r.path.includes('/messages'));
    assert.equal(sent.length, 1, 'one message sent');
    assert.equal(sent[0]?.path, `/api/v1/conversations/${seeded}/messages/stream`);
    assert.ok(
      !sim.requests.some((r) => r.method === 'POST' && r.path === '/api/v1/conversations'),
      'no new server conversation was created',
    );

    await eventually(
      () => conversationFilesWith(seeded, 'export const answer').length === 1,
      'the new message saved in the linked conversation',
    );
    prompts.picks.push('Hỏi về hợp đồng thuê nhà');
    await vscode.commands.executeCommand(Commands.openTwinExpertConversation);
    assert.equal(conversationFilesWith(seeded).length, 1, 'opened again: linked, not duplicated');
  });

  it('opens a conversation made on the web from the history panel’s On TwinExpert section', async () => {
    // The page's side (rows, paging, the open message) is proven in Chromium
    // (test/webview/serverConversations.test.ts); here the host gets what the page posts.
    const api = await activeExtension();
    await vscode.commands.executeCommand(Commands.openChat);
    await api.whenChatViewReady();
    sim.configure({ teMessageHistory: true });
    const title = 'Đặt cọc thuê văn phòng';
    const seeded = sim.seedTwinExpertConversation({
      twinId: 'twin-legal',
      title,
      messages: [
        { role: 'user', content: 'Tiền đặt cọc tối đa là bao nhiêu?' },
        { role: 'assistant', content: 'Thường là ba tháng tiền thuê.' },
      ],
    });
    await vscode.commands.executeCommand(Commands.selectTarget, 'twinexpert:twin-legal');
    const before = sim.requests.length;
    const twinKey = 'twinexpert:twin-legal';
    await api.receiveFromView({ type: 'serverConversations/list', twinKey, page: 1 });
    const listed = sim.requests.slice(before).find((r) => r.path === '/api/v1/conversations');
    assert.equal(listed?.query.twinId, 'twin-legal', 'the selected twin’s conversations listed');

    await api.receiveFromView({
      type: 'serverConversations/open',
      twinKey,
      remoteId: seeded,
    });
    await eventually(
      () => conversationFilesWith(seeded, 'Thường là ba tháng tiền thuê', title).length === 1,
      'the server history saved as one local conversation linked to the server id, under the listed title',
    );
    const [file] = conversationFilesWith(seeded);
    const sidebar = api.chatSurfaces().find((s) => s.kind === 'sidebar');
    assert.ok(file?.includes(sidebar?.conversationId ?? '?'), 'the sidebar shows it');

    await sendOneMore();
    const posted = sim.requests.slice(before).filter((r) => r.method === 'POST');
    assert.deepEqual(
      posted.map((r) => r.path),
      [`/api/v1/conversations/${seeded}/messages/stream`],
      'the next message continues the same server conversation; none is created',
    );
    await eventually(
      () => conversationFilesWith(seeded, 'export const answer').length === 1,
      'the new message saved in the linked conversation',
    );
  });

  it('opens a KamiMind story by id, shows its history and continues the same story', async () => {
    const storyId = sim.seedKamiMindStory({
      botToken: DEMO_CREDENTIALS.kamiMindBotToken,
      storyName: 'Từ ứng dụng KamiMind',
      turns: [{ question: 'Xin chào từ ứng dụng', answer: 'Chào bạn, tôi nhớ câu chuyện này.' }],
    });
    prompts.inputs.push('not a story id!', storyId);
    await vscode.commands.executeCommand(Commands.openKamiMindStory);
    assert.match(prompts.validationErrors.at(-1) ?? '', /letters, digits and dashes/);
    await eventually(
      () => conversationFilesWith(storyId, 'tôi nhớ câu chuyện này').length === 1,
      'the story history saved as one local conversation linked to the story id',
    );

    await sendOneMore();
    const sent = sim.requests.filter((r) => r.path === '/public/v1/response');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.fields?.story_id, storyId, 'the same story continues');
  });

  it('a TwinExpert conversation without server history opens as continue-only and says why', async () => {
    sim.configure({ teMessageHistory: false });
    const seeded = sim.seedTwinExpertConversation({
      twinId: 'twin-legal',
      title: 'Không có lịch sử',
      messages: [{ role: 'user', content: 'Một câu hỏi cũ' }],
    });
    await vscode.commands.executeCommand(Commands.selectTarget, 'twinexpert:twin-legal');
    prompts.picks.push('Không có lịch sử');
    await vscode.commands.executeCommand(Commands.openTwinExpertConversation);
    assert.ok(
      prompts.messages.some((m) =>
        /does not share the earlier messages of "Không có lịch sử"/.test(m),
      ),
      prompts.messages.join('\n'),
    );
    await sendOneMore();
    const stream = sim.requests.filter((r) => r.path.endsWith('/messages/stream')).at(-1);
    assert.equal(stream?.path, `/api/v1/conversations/${seeded}/messages/stream`);
  });
});
