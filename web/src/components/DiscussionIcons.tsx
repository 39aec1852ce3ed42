import type { SVGProps } from 'react';
import type { Discussion } from '@mailroom/sdk';
import { GroupsIcon, Icon } from './Icons.tsx';

type P = SVGProps<SVGSVGElement> & { size?: number };

/** A business object (document). */
export const ObjectIcon = (p: P) => (
  <Icon {...p}>
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
    <path d="M14 3v5h5M9 13h6M9 17h4" />
  </Icon>
);

export const PersonIcon = (p: P) => (
  <Icon {...p}>
    <circle cx="12" cy="8" r="4" />
    <path d="M4 21a8 8 0 0 1 16 0" />
  </Icon>
);

export const PinIcon = (p: P) => (
  <Icon {...p}>
    <path d="M9 4h6l-1 6 3 3H7l3-3z" />
    <path d="M12 13v7" />
  </Icon>
);

export const MuteIcon = (p: P) => (
  <Icon {...p}>
    <path d="M6 8a6 6 0 0 1 10.5-4M18 8c0 7 3 9 3 9H8" />
    <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0M3 3l18 18" />
  </Icon>
);

export const SmileIcon = (p: P) => (
  <Icon {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M8.5 14a4 4 0 0 0 7 0M9 9.5h.01M15 9.5h.01" />
  </Icon>
);

export const PencilIcon = (p: P) => (
  <Icon {...p}>
    <path d="M4 20h4L19 9l-4-4L4 16z" />
    <path d="M13.5 6.5l4 4" />
  </Icon>
);

export const KindIcon = ({ kind, ...p }: P & { kind: Discussion['kind'] }) =>
  kind === 'object' ? <ObjectIcon {...p} /> : kind === 'group' ? <GroupsIcon {...p} /> : <PersonIcon {...p} />;
