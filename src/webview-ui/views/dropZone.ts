import type { Post } from '../actions';
import { h } from '../dom';
import { planDrop } from '../dropData';
import { t } from '../strings';

// VS Code hands a webview an Explorer drag only while Shift is held (otherwise the workbench
// keeps it), so the hint says so as soon as any drag is over the view.

function carriesFiles(event: DragEvent): boolean {
  const types = event.dataTransfer?.types ?? [];
  return ['Files', 'text/uri-list', 'resourceurls'].some((type) => types.includes(type));
}

/**
 * Makes `root` take drops (handler properties, not listeners: a new App on every state/init
 * installs again, and must replace the handlers rather than add a second set): a hint while something droppable is over it, and on drop the named
 * files posted to the host as one uri-list. `notice` tells the user what could not be taken.
 */
export function installDropZone(root: HTMLElement, post: Post, notice: (text: string) => void) {
  const hint = h('div', { class: 'drop-hint', role: 'status' }, t('dropHint'));
  hint.hidden = true;
  root.append(hint);
  let depth = 0;
  const show = (shown: boolean) => (hint.hidden = !shown);
  root.ondragenter = (event) => {
    if (!carriesFiles(event)) return;
    depth += 1;
    show(true);
  };
  root.ondragover = (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault(); // without this the drop event never comes
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  root.ondragleave = () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) show(false);
  };
  root.ondrop = (event) => {
    depth = 0;
    show(false);
    if (!event.dataTransfer || !carriesFiles(event)) return;
    event.preventDefault();
    const plan = planDrop(event.dataTransfer);
    if (plan.kind === 'uris') post({ type: 'attachment/addUris', uris: plan.uris.join('\n') });
    else notice(t(plan.kind === 'osFiles' ? 'dropOsFiles' : 'dropNothing'));
  };
}
