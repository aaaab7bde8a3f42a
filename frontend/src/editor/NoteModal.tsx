import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** Publishing and rolling back both ask for a short note that goes into the version history. */
export function NoteModal({ title, text, submit, onSubmit, onClose, testId, color }: {
  title: string;
  text: ReactNode;
  submit: string;
  onSubmit: (note: string) => Promise<void>;
  onClose: () => void;
  testId: string;
  color?: string;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onSubmit(note.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={title} data-testid={testId}>
      <form onSubmit={send}>
        <Stack>
          <Text size="sm">{text}</Text>
          <Textarea
            label={t("versions.note")}
            placeholder={t("versions.notePlaceholder")}
            autosize
            minRows={2}
            maxLength={1000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            data-autofocus
            data-testid={`${testId}-note`}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy} color={color} data-testid={`${testId}-submit`}>
              {submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
