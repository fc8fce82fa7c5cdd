// Pasted images' bytes, kept in the page as blob: URLs so their chips can show them. Nothing here
// is fetched: a blob: URL names bytes this page already holds (the CSP allows blob: for images
// only, see src/webview/html.ts). After a reload the bytes are gone and the chip shows an icon.

const urls = new Map<string, string>();

export function keepThumbnail(key: string, image: Blob): void {
  urls.set(key, URL.createObjectURL(image));
}

export function thumbnailUrl(key: string | undefined): string | undefined {
  return key === undefined ? undefined : urls.get(key);
}

/** Frees the bytes of pasted images no longer queued. */
export function keepOnly(keys: ReadonlySet<string>): void {
  for (const [key, url] of urls) {
    if (keys.has(key)) continue;
    URL.revokeObjectURL(url);
    urls.delete(key);
  }
}
