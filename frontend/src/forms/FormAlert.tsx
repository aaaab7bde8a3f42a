import { Alert } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";

/** What went wrong with a form as a whole (the fields show their own messages). */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" icon={<IconAlertCircle />} data-testid="form-error">
      {message}
    </Alert>
  );
}
