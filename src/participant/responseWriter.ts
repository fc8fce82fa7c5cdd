import type { ChatResponseStream, MarkdownString } from 'vscode';
import type { ErrorView, HostToWebview, MessageView } from '../shared/protocol';
import { plainText } from './plainText';
import { MarkdownGuard } from './safeMarkdown';

/**
 * Shows one answer in VS Code's Chat view. It watches a request run as Twin Chat's webview does
 * (requestRun.ts gives it the same messages, each delta as it arrives: RequestRunDeps.watch), so
 * streaming, the answer cap, checkpoints and failures are the run's, unchanged: each delta becomes
 * a `markdown` part, each progress event a `progress` part (the answer through the Markdown
 * guard: no images; progress as plain text).
 */
export class ResponseWriter {
  private readonly guard = new MarkdownGuard();
  /** The answer's raw text as shown so far, to show only the rest of a final text. */
  private shown = '';
  private failure: ErrorView | undefined;

  constructor(
    private readonly stream: ChatResponseStream,
    private readonly markdown: (text: string) => MarkdownString,
  ) {}

  /** The error the answer ended with, if it failed. */
  get error(): ErrorView | undefined {
    return this.failure;
  }

  /** Takes what a request run would post to Twin Chat's view. */
  post(message: HostToWebview): undefined {
    switch (message.type) {
      case 'chat/delta':
        this.write(message.text);
        break;
      case 'chat/progress':
        // The server's own status words, never Markdown of ours: shown as the characters they are.
        this.stream.progress(plainText(message.message));
        break;
      case 'chat/done':
      case 'chat/error':
        this.end(message.message);
        break;
      default:
        break;
    }
    return undefined;
  }

  private write(text: string): void {
    this.shown += text;
    this.emit(this.guard.push(text));
  }

  /**
   * Shows what of the final text has not been streamed: all of it when streaming is off. A final
   * text that restates the answer differently cannot replace what is shown, so it is left out.
   */
  private end(message: MessageView): void {
    if (message.text.startsWith(this.shown)) this.write(message.text.slice(this.shown.length));
    this.emit(this.guard.end());
    this.failure = message.error;
  }

  private emit(text: string): void {
    if (text) this.stream.markdown(this.markdown(text));
  }
}
