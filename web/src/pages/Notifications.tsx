import { ComingSoon } from '../components/ComingSoon.tsx';
import { BellIcon } from '../components/Icons.tsx';

export function Notifications() {
  return <ComingSoon section="notifications" icon={<BellIcon size={30} />} />;
}
