import { ComingSoon } from '../components/ComingSoon.tsx';
import { MailIcon } from '../components/Icons.tsx';

export function Mail() {
  return <ComingSoon section="mail" icon={<MailIcon size={30} />} />;
}
