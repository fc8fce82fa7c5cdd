// Every codicon the chat view shows. The build ships only these glyphs of the codicon font and
// only their CSS rules (build/codicons.js): the whole font and stylesheet, some 650 icons, were a
// tenth of the .vsix for the thirty-odd the view uses. `icon()` takes an `IconName`, so a name not
// listed here does not compile; one that codicons does not have fails the build. This file is read
// by the build as well as bundled: keep it free of imports.
export const ICON_NAMES = [
  'account',
  'add',
  'attach',
  'beaker',
  'check',
  'chevron-left',
  'chevron-right',
  'circle-slash',
  'close',
  'copy',
  'debug-stop',
  'discard',
  'edit',
  'ellipsis',
  'error',
  'file',
  'file-media',
  'fold-up',
  'go-to-file',
  'history',
  'hubot',
  'insert',
  'key',
  'loading',
  'output',
  'refresh',
  'repo-forked',
  'save-as',
  'selection',
  'send',
  'trash',
  'warning',
] as const;

export type IconName = (typeof ICON_NAMES)[number];
