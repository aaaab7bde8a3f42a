import { Button, Group, type MantineColor } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** The end of a form: Cancel (in dialogs) and the submit button. */
export function FormActions({ submit, busy, testId, onCancel, color }: {
  submit: string;
  busy: boolean;
  testId: string;
  onCancel?: () => void;
  color?: MantineColor;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      {onCancel ? (
        <Button variant="default" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      ) : null}
      <Button type="submit" color={color} loading={busy} data-testid={testId}>
        {submit}
      </Button>
    </Group>
  );
}
