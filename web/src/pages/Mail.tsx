import { MailPage } from './mail/MailPage.tsx';

/** Internal mail (PRODUCT.md §4): the screen lives in pages/mail/. */
export function Mail() {
  return <MailPage />;
}
