import { Button, Group, Modal, Stack, Textarea, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { flowsApi } from "../api/endpoints";
import { isApiError } from "../api/problem";
import type { FlowSummary } from "../api/types";
import { errorText, fieldErrorTexts, notifyDone } from "../components/feedback";
import { navigate, paths } from "../router";

export type FlowFormMode = { kind: "create" } | { kind: "rename"; flow: FlowSummary } | { kind: "duplicate"; flow: FlowSummary };

/** Create, rename or duplicate a flow: a name (unique in the organisation) and a description. */
export function FlowFormModal({ mode, onClose, onDone }: { mode: FlowFormMode; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const source = mode.kind === "create" ? null : mode.flow;
  const [name, setName] = useState(
    mode.kind === "rename" ? mode.flow.name : mode.kind === "duplicate" ? t("flows.copyName", { name: mode.flow.name }) : "",
  );
  const [description, setDescription] = useState(mode.kind === "rename" ? mode.flow.description : "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      if (mode.kind === "create") {
        const flow = await flowsApi.create(name.trim(), description.trim());
        navigate(paths.editor(flow.id));
      } else if (mode.kind === "rename") {
        await flowsApi.update(mode.flow.id, { name: name.trim(), description: description.trim() });
        notifyDone(t("flows.renamed"));
      } else {
        const flow = await flowsApi.duplicate(mode.flow.id, name.trim());
        notifyDone(t("flows.duplicated", { name: flow.name }));
      }
      onDone();
      onClose();
    } catch (error) {
      setBusy(false);
      if (isApiError(error) && error.problem.errors?.length) setErrors(fieldErrorTexts(error, t));
      else setErrors({ name: errorText(error, t) });
    }
  };

  return (
    <Modal opened onClose={onClose} title={t(`flows.${mode.kind}Title`, { name: source?.name })} data-testid="flow-form">
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t("flows.name")}
            required
            data-autofocus
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            data-testid="flow-name"
          />
          {mode.kind !== "duplicate" ? (
            <Textarea
              label={t("flows.descriptionLabel")}
              autosize
              minRows={2}
              maxRows={5}
              value={description}
              onChange={(event) => setDescription(event.currentTarget.value)}
              error={errors.description}
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy} data-testid="flow-form-submit">
              {t(`flows.${mode.kind}Submit`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
