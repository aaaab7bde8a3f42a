// Tabler icons named by the catalog. Only these are bundled; a test fails when the catalog
// names one missing here (add it), and an unknown name falls back to a neutral icon.
import {
  IconArrowsSplit,
  IconCheckbox,
  IconClock,
  IconDialpad,
  IconFilter,
  IconFlag,
  IconGitBranch,
  IconHierarchy,
  IconListNumbers,
  IconMicrophone,
  IconPhoneCall,
  IconPhoneOff,
  IconPhoneOutgoing,
  IconPhonePlus,
  IconPlayerPlay,
  IconSpeakerphone,
  IconSquare,
  IconUsersGroup,
  IconVariable,
  IconWorldWww,
  type Icon,
} from "@tabler/icons-react";

export const NODE_ICONS: Readonly<Record<string, Icon>> = {
  "arrows-split": IconArrowsSplit,
  checkbox: IconCheckbox,
  clock: IconClock,
  dialpad: IconDialpad,
  filter: IconFilter,
  flag: IconFlag,
  "git-branch": IconGitBranch,
  hierarchy: IconHierarchy,
  "list-numbers": IconListNumbers,
  microphone: IconMicrophone,
  "phone-call": IconPhoneCall,
  "phone-off": IconPhoneOff,
  "phone-outgoing": IconPhoneOutgoing,
  "phone-plus": IconPhonePlus,
  "player-play": IconPlayerPlay,
  speakerphone: IconSpeakerphone,
  "users-group": IconUsersGroup,
  variable: IconVariable,
  "world-www": IconWorldWww,
};

export function nodeIcon(name: string): Icon {
  return NODE_ICONS[name] ?? IconSquare;
}
