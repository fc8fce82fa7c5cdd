// The names the bare pipeline (barePipeline.ts) and the bench that drives it share. Its own
// module: the extension's code (bareExtension.ts) must not pull the bench's into its bundle, nor
// the bench `vscode`.

export const BARE_EXTENSION_ID = 'twinchat-bench.bare-pipeline';
/** The palette label of the command that shows its view (in the panel, beside Twin Chat's). */
export const BARE_SHOW_COMMAND = 'Bare Pipeline: Show';
/** The button in its view that streams one answer. */
export const BARE_STREAM_BUTTON = 'Stream';
