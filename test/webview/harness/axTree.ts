import type { Page } from 'playwright-core';

/** One node of Chromium's accessibility tree, as a screen reader gets it. */
export interface AxNode {
  role: string;
  name: string;
  description: string;
}

/** Roles, names and descriptions are string values in the protocol. */
interface CdpAxNode {
  ignored?: boolean;
  role?: { value?: string };
  name?: { value?: string };
  description?: { value?: string };
}

/** Chromium's own accessibility tree (CDP Accessibility.getFullAXTree), without ignored nodes. */
export async function accessibilityTree(page: Page): Promise<AxNode[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: CdpAxNode[] };
    return nodes
      .filter((node) => !node.ignored)
      .map((node) => ({
        role: node.role?.value ?? '',
        name: node.name?.value ?? '',
        description: node.description?.value ?? '',
      }));
  } finally {
    await cdp.detach();
  }
}
