// Installs benchLatencyWorkbench (api.ts) in VS Code's workbench page, once: notes when VS Code
// hands each chat/delta to a webview's iframe (the MessagePort it talks to the iframe over).
import type { Batch } from './shared/api';
import { batchOf, pageNow } from './shared/markers';

/** The shape of the workbench's webview messages that this probe reads. */
interface WebviewEnvelope {
  channel?: unknown;
  args?: { message?: { type?: unknown; text?: unknown } };
}

function install(): void {
  let posts: Batch[] = [];
  // Several tabs stream the same markers at once (bench/concurrent): the port tells them apart.
  const ports = new WeakMap<MessagePort, number>();
  let nextPort = 0;
  const portOf = (port: MessagePort): number => {
    let id = ports.get(port);
    if (id === undefined) ports.set(port, (id = nextPort++));
    return id;
  };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its port as `this`
  const original = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (
    this: MessagePort,
    data: unknown,
    ...rest: unknown[]
  ): void {
    const envelope = data as WebviewEnvelope | null;
    const message = envelope?.channel === 'message' ? envelope.args?.message : undefined;
    if (message?.type === 'chat/delta' && typeof message.text === 'string')
      posts.push({ ...batchOf(message.text, pageNow()), port: portOf(this) });
    Reflect.apply(original, this, [data, ...rest]);
  };
  globalThis.benchLatencyWorkbench = {
    take: () => {
      const out = posts;
      posts = [];
      return out;
    },
  };
}

if (!globalThis.benchLatencyWorkbench) install();
