import type * as NetworkClient from '../providers/clientEntry';

export type NetworkClientModule = typeof NetworkClient;

let loaded: NetworkClientModule | undefined;

/**
 * The network client is its own bundle beside dist/extension.js (esbuild.js keeps this path
 * external), loaded on first use: activation then reads a ~50 KB file instead of ~600 KB.
 */
export function networkClient(): NetworkClientModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./client.js') as NetworkClientModule;
  return loaded;
}
