// The names the bare pipeline (barePipeline.ts) and the bench that drives it share. Its own
// module: the extension's code (bareExtension.ts) must not pull the bench's into its bundle, nor
// the bench `vscode`.

export const BARE_EXTENSION_ID = 'twinchat-bench.bare-pipeline';
/** The palette label of the command that shows its view (in the panel, beside Twin Chat's). */
export const BARE_SHOW_COMMAND = 'Bare Pipeline: Show';
/** The button in its view that streams one answer. */
export const BARE_STREAM_BUTTON = 'Stream';
/** The palette label of the command that opens one more of its views as an editor tab. */
export const BARE_NEW_PANEL_COMMAND = 'Bare Pipeline: New Panel';
/** The palette label of the command that lays the editor out as two rows of four groups. */
export const BARE_TWO_ROWS_COMMAND = 'Bare Pipeline: Two Rows of Four Editor Groups';
/** The text box whose text, when there is some, is the question its next stream asks. */
export const BARE_QUESTION_BOX = 'Question';
