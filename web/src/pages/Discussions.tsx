import { ComingSoon } from '../components/ComingSoon.tsx';
import { DiscussionsIcon } from '../components/Icons.tsx';

export function Discussions() {
  return <ComingSoon section="discussions" icon={<DiscussionsIcon size={30} />} />;
}
