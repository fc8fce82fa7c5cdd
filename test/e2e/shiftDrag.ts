import type { Locator, Page } from 'playwright-core';
import { eventually } from '../harness/eventually';

// A drag and drop with Shift held, as a user's hand makes it, through Chromium's own input path
// (Playwright's mouse: Chromium starts the page's real drag and routes the drop to the frame
// under the pointer), not synthetic DOM events. VS Code gives a webview an Explorer drop only
// while Shift is held over it, and two things made earlier attempts here drop nothing:
// - Shift held from the mouse press: the Explorer never starts a drag (no dragstart at all), so
//   the button goes down first and Shift only once the drag is under way, as people do;
// - a webview's iframe ignores the pointer from the drag's start until the workbench sees a
//   dragover with Shift held, so the pointer stays over the target until the page there shows
//   the drag has arrived, and only then is the button released.

export interface ShiftDragOptions {
  /** True once the drop target shows that the drag is over it (e.g. its drop hint). */
  arrived: () => Promise<boolean>;
  /** Runs while the drag is over the target, before the drop (e.g. a screenshot). */
  whileOver?: () => Promise<void>;
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator.toString()} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags `source` onto `target` (the target may be inside frames), Shift held for the drop. */
export async function shiftDrag(
  page: Page,
  source: Locator,
  target: Locator,
  options: ShiftDragOptions,
): Promise<void> {
  const from = await centre(source);
  const to = await centre(target);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  try {
    await page.mouse.move(from.x + 10, from.y + 4, { steps: 3 }); // past the drag threshold
    await page.keyboard.down('Shift');
    await page.mouse.move(to.x, to.y, { steps: 10 });
    // Each move over the target is a dragover with Shift; the workbench lets the next one in.
    let nudge = 0;
    await eventually(
      async () => {
        nudge = 1 - nudge;
        await page.mouse.move(to.x + nudge, to.y);
        return options.arrived();
      },
      'the drag to arrive over the target',
      { intervalMs: 100 },
    );
    await options.whileOver?.();
  } finally {
    await page.mouse.up();
    await page.keyboard.up('Shift');
  }
}
