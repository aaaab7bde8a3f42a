import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { IconEyeExclamation } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CopyCode } from "./CopyCode";

/** A secret the API gives out once (a new key, an initial password): copy it now, it is not kept. */
export function ShownOnce({ title, label, value, onClose, children }: {
  title: string;
  label: string;
  value: string;
  onClose: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={title} size="lg" closeOnClickOutside={false} data-testid="shown-once">
      <Stack>
        <Alert color="yellow" icon={<IconEyeExclamation />}>
          {t("shownOnce.warning")}
        </Alert>
        <div>
          <Text size="sm" fw={600} mb={4}>
            {label}
          </Text>
          <CopyCode value={value} testId="shown-once-value" />
        </div>
        {children}
        <Group justify="flex-end">
          <Button onClick={onClose} data-testid="shown-once-close">
            {t("shownOnce.done")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
