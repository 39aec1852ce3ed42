import { DiscussionsPage } from './discussions/DiscussionsPage.tsx';

/** Discussions (group, direct and about business objects): the screen lives in pages/discussions/. */
export function Discussions() {
  return <DiscussionsPage />;
}
