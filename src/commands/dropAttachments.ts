import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatSession } from '../chat/chatSession';
import {
  checkDroppedUri,
  isInside,
  listFolder,
  parseUriList,
  realRoots,
  type CheckedUri,
  type DropRefusal,
} from '../chat/dropPaths';
import { excludedBy } from '../chat/excludeGlobs';
import { attachmentMaxBytes } from '../config/settings';
import { AttachmentRefused, prepareAttachment } from './attachments';
import { DropLeftOut } from './dropLeftOut';

const t = vscode.l10n.t;

type WarningLog = Pick<vscode.LogOutputChannel, 'warn'>;

/** A dropped folder with more files than this is refused: nobody reads 50 files in one answer. */
export const MAX_FOLDER_FILES = 50;

function refusalSentence(name: string, reason: DropRefusal): string {
  switch (reason) {
    case 'scheme':
      return t('"{0}" was not attached: only files on this computer can be attached.', name);
    case 'outside':
      return t('"{0}" was not attached: it is outside the open workspace folders.', name);
    case 'symlinkOut':
      return t('"{0}" was not attached: it is a link to a place outside the workspace.', name);
    case 'missing':
      return t('"{0}" was not attached: it no longer exists.', name);
    case 'notFile':
      return t('"{0}" was not attached: it is not a file or a folder.', name);
  }
}

function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? [])
    .filter((folder) => folder.uri.scheme === 'file')
    .map((folder) => folder.uri.fsPath);
}

/** Files named again that already wait for the next message: not queued twice, and told so. */
function tellAlreadyQueued(files: readonly string[]): void {
  const names = files.map((file) => `"${path.basename(file)}"`).join(', ');
  void vscode.window.showInformationMessage(
    t('Already attached to your next message: {0}.', names),
  );
}

/**
 * Runs the checks of Attach File on one file and queues it; a refusal is told, not thrown. A file
 * already queued is told too, before its checks ask anything (a secret-looking name would ask).
 */
export async function queueCheckedFile(
  controller: ChatSession,
  uri: vscode.Uri,
  contentType?: string,
  pasteKey?: string,
): Promise<boolean> {
  if (uri.scheme === 'file' && controller.hasQueuedFile(uri.fsPath)) {
    tellAlreadyQueued([uri.fsPath]);
    return false;
  }
  try {
    const prepared = await prepareAttachment(
      uri,
      controller.selectedProvider(),
      attachmentMaxBytes(),
    );
    const queued = controller.queueAttachment({
      ...prepared,
      ...(contentType && { contentType }),
      ...(pasteKey && { pasteKey }),
    });
    // Queued meanwhile by another drop or command, while this one's checks ran.
    if (!queued) tellAlreadyQueued([uri.fsPath]);
    return queued;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof AttachmentRefused) void vscode.window.showWarningMessage(message);
    else void vscode.window.showErrorMessage(t('Could not attach the file: {0}', message));
    return false;
  }
}

/** What `files.exclude` of the workspace folder holding `folder` hides, by absolute path. */
function hiddenByFilesExclude(
  folder: string,
  roots: readonly string[],
  log: WarningLog,
): (file: string) => boolean {
  const root = roots.find((candidate) => isInside(folder, candidate));
  if (root === undefined) return () => false;
  const setting = vscode.workspace
    .getConfiguration('files', vscode.Uri.file(folder))
    .get<Record<string, unknown>>('exclude', {});
  const excluded = excludedBy(setting, {
    onSkipped: (glob) =>
      log.warn(
        `files.exclude pattern ${JSON.stringify(glob)} cannot be matched (an empty range, too many braces or too long); a dropped folder keeps what it would hide`,
      ),
  });
  return (file) => excluded(path.relative(root, file).split(path.sep).join('/'));
}

async function folderFiles(
  folder: CheckedUri & { ok: true },
  roots: string[],
  log: WarningLog,
  leftOut: DropLeftOut,
): Promise<string[]> {
  const hidden = hiddenByFilesExclude(folder.path, roots, log);
  const listing = await listFolder(folder.path, roots, MAX_FOLDER_FILES, hidden);
  if (listing.truncated) {
    void vscode.window.showWarningMessage(
      t(
        'The folder "{0}" holds more than {1} files, so none were attached. Drop the files you need.',
        folder.name,
        MAX_FOLDER_FILES,
      ),
    );
    return [];
  }
  leftOut.excluded += listing.skippedExcluded;
  leftOut.links += listing.skippedLinks;
  return listing.files;
}

/**
 * A drop or a `#` choice arrives as a message from the page, which must be assumed compromised:
 * it could name any workspace file and send it without a click. So the host asks once, naming
 * what will be attached, as the Attach button's file dialog is the gesture a page cannot fake.
 */
async function confirmFromView(files: readonly string[], leftOut: DropLeftOut): Promise<boolean> {
  const names = files.map((file) => path.basename(file));
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
  const single = names.length === 1;
  const attach = single ? t('Attach') : t('Attach {0} Files', names.length);
  const detail = leftOut.sentence();
  const answer = await vscode.window.showInformationMessage(
    single
      ? t('Attach "{0}" to your next message?', shown)
      : t('Attach {0} files to your next message: {1}?', names.length, shown),
    { modal: true, ...(detail && { detail }) },
    attach,
  );
  return answer === attach;
}

/**
 * Files and folders dropped on the chat or chosen in its `#` list. The page only names them: each
 * URI is checked here (a local file inside the workspace, links resolved), folders are listed
 * without following links out, and every file then takes the same path as Attach File.
 */
export async function attachDroppedUris(controller: ChatSession, uriList: string): Promise<void> {
  const roots = await realRoots(workspaceRoots());
  const host = { remote: vscode.env.remoteName !== undefined };
  const files: string[] = [];
  const { uris, beyondLimit } = parseUriList(uriList);
  const leftOut = new DropLeftOut();
  leftOut.beyondLimit = beyondLimit;
  for (const raw of uris) {
    const checked = await checkDroppedUri(raw, roots, host);
    if (!checked.ok) {
      void vscode.window.showWarningMessage(refusalSentence(checked.name, checked.reason));
      continue;
    }
    const log = controller.shared.deps.log;
    const named = checked.folder ? await folderFiles(checked, roots, log, leftOut) : [checked.path];
    files.push(...named);
  }
  // A file dropped twice, with its folder, or again after it was queued, is attached once.
  const unique = [...new Set(files)];
  const queued = unique.filter((file) => controller.hasQueuedFile(file));
  if (queued.length > 0) tellAlreadyQueued(queued);
  const fresh = unique.filter((file) => !queued.includes(file));
  if (fresh.length === 0) return leftOut.tellIfNothingAttached();
  if (!(await confirmFromView(fresh, leftOut))) return;
  for (const file of fresh) await queueCheckedFile(controller, vscode.Uri.file(file));
}
