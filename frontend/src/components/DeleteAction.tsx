import { ActionIcon, Tooltip } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

/** The red trash button that ends a list row; the confirmation is the caller's `onDelete`. */
export function DeleteAction({ label, onDelete, testId }: { label: string; onDelete: () => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t("common.delete")}>
      <ActionIcon variant="subtle" color="red" onClick={onDelete} aria-label={label} data-testid={testId}>
        <IconTrash size={16} />
      </ActionIcon>
    </Tooltip>
  );
}
