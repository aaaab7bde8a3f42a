// Every catalog icon once, as SVG symbols: node cards draw theirs with <use>, which keeps a
// large canvas light (one element per card instead of an icon's whole path tree).
import { memo } from "react";
import { nodeIcon } from "../catalog/icons";
import { useEditor } from "./context";

export const spriteId = (icon: string) => `vf-icon-${icon || "unknown"}`;

export const NodeIconSprite = memo(function NodeIconSprite() {
  const catalog = useEditor((state) => state.catalog);
  const icons = [...new Set(catalog.entries.map((entry) => entry.icon)), ""];
  return (
    <svg width="0" height="0" style={{ position: "absolute" }} aria-hidden="true">
      <defs>
        {icons.map((name) => {
          const Icon = nodeIcon(name);
          return (
            <symbol key={name} id={spriteId(name)} viewBox="0 0 24 24">
              <Icon size={24} stroke={1.8} />
            </symbol>
          );
        })}
      </defs>
    </svg>
  );
});
