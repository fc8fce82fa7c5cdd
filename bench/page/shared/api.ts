// What the scripts in bench/page/ install in a page, typed for both sides: the benchmark (Node,
// no DOM library) calls them through page.evaluate, the page scripts (DOM library) implement them.
// Nothing here may name a DOM or Node type. Each script in bench/page/ is bundled for the browser
// by esbuild.js into out/bench/page/<name>.js and injected by bench/lib/pageScript.ts.
import type { ConversationView, HostToWebview } from '../../../src/shared/protocol';

/** After the last delta: how long renderStream waits for the answer's DOM to be complete. */
export const STREAM_GIVE_UP_MS = 10_000;

export interface StreamResult {
  /** How late the page posted a message at worst, against its scheduled time. */
  maxLateMs: number;
  /** Last message posted -> the watched element's DOM last changed. */
  backlogMs: number;
  /** The watched text reached its full length before STREAM_GIVE_UP_MS. */
  complete: boolean;
}

/** renderStream.ts, in the chat view's page (bench/render.ts). */
export interface RenderStreamApi {
  /** Keeps the messages `stream` posts: sent apart, so their transfer is not in the stream. */
  load(messages: HostToWebview[]): void;
  /**
   * Posts the loaded messages, message i at `times[i]` ms after the start, as VS Code delivers the
   * host's. Then, if given a selector, waits until that element's text has reached
   * `expectedLength` and reports when its DOM last changed.
   */
  stream(
    times: number[],
    watchSelector: string | null,
    expectedLength: number,
  ): Promise<StreamResult>;
  /** Scrolls the transcript from top to bottom, a screen per frame. */
  scrollThrough(): Promise<void>;
  /** The length of the text of the element `selector` finds (0 when none). */
  textLength(selector: string): number;
}

/** naiveRender.ts: re-renders a whole text with the view's own markdown and sanitizer modules. */
export interface NaiveRenderApi {
  /** Time of one full re-render of `text` including layout, in ms, averaged over `repeats`. */
  render(text: string, repeats: number): number;
}

/** historyView.ts, in the chat view's page (bench/history.ts). */
export interface HistoryViewApi {
  /** Keeps the conversation `open` shows: sent apart, so its transfer is not in the open. */
  load(conversation: ConversationView): void;
  loaded(): ConversationView | undefined;
  /** Posts conversation/show; ms until the first frame painted with message `lastId` shown. */
  open(lastId: string): Promise<number>;
  domSize(): { nodes: number; messages: number };
  /** Scrolls the transcript up by `step` px a frame for `frames` frames. */
  scroll(frames: number, step: number): Promise<{ intervals: number[]; top: number }>;
}

/** eagerRender.ts: every message of the loaded conversation rendered at once, no lazy loading. */
export interface EagerRenderApi {
  /** ms from starting to the first frame painted with all of them. */
  renderAll(): Promise<number>;
}

/** One chat/delta as a stage saw it: when, and which markers ("Đoạn i:") it carried. */
export interface Batch {
  at: number;
  first: number;
  last: number;
  /** The workbench's posts: which webview's port it went to (numbered in order first seen). */
  port?: number;
}

/** latencyWorkbench.ts, in VS Code's workbench page (bench/latency.ts). */
export interface LatencyWorkbenchApi {
  /** The chat/delta messages handed to webview iframes since the last take. */
  take(): Batch[];
}

export interface ChatObservation {
  /** Index -> first time "Đoạn i:" was in the DOM (page clock), null if never. */
  visible: (number | null)[];
  messages: Batch[];
  done: ChatEnd;
  /** How many messages of each type arrived meanwhile, with their size (JSON characters). */
  received?: Record<string, { count: number; chars: number }>;
}

export type ChatEnd = false | 'chat/done' | 'chat/error';

/** latencyChat.ts, in a chat webview's inner frame (bench/latency.ts). */
export interface LatencyChatApi {
  done(): ChatEnd;
  /** How many markers have been seen in the DOM so far. */
  seen(): number;
  finish(): ChatObservation;
}

declare global {
  // Globals, so the benchmark's page.evaluate callbacks reach them: `var` is how a global is typed.
  var benchRenderStream: RenderStreamApi | undefined;
  var benchNaiveRender: NaiveRenderApi | undefined;
  var benchHistoryView: HistoryViewApi | undefined;
  var benchEagerRender: EagerRenderApi | undefined;
  var benchLatencyWorkbench: LatencyWorkbenchApi | undefined;
  var benchLatencyChat: LatencyChatApi | undefined;
}
