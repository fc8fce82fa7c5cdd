// The entry of dist/client.js: the network client (undici, eventsource-parser and the provider
// clients), about 90% of the extension's code. The extension loads it on first use (first send,
// target list or connection test), never at activation; see src/config/clientLoader.ts.
export { createHttpClient } from './http/client';
export { createKamiMindProvider } from './kamiMind';
export { createTwinExpertProvider } from './twinExpert';
export { createTwinExpertServer } from './twinExpertServer';
