/** Outside mail comes with its remote images switched off: the address is kept in data-remote-src, with no src. */
export const hasRemoteImages = (html: string) => /\sdata-remote-src\s*=/i.test(html);

const web = (url: string) => /^https?:\/\//i.test(url.trim());

/** The HTML with each blocked image given its address back (web addresses only), once the person allowed it. */
export function showRemoteImages(html: string): string {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  for (const img of doc.querySelectorAll('img[data-remote-src]')) {
    const src = img.getAttribute('data-remote-src') ?? '';
    if (web(src)) img.setAttribute('src', src.trim());
    img.removeAttribute('data-remote-src');
  }
  return doc.body.innerHTML;
}
