import type { WebviewToHost } from '../shared/protocol';

/** What views may do: post to the host. Views never reach the bridge or global state directly. */
export type Post = (message: WebviewToHost) => void;
