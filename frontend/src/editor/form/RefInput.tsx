// A field holding the id of another object: recordings and flows are picked from their lists;
// queues and trunks have no list in the API yet, so their id is typed.
import { Select, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useAllFlows, useAudio } from "../../api/queries";
import type { RefField } from "../../catalog/form";
import { useSession } from "../../session";
import { useFormEnv } from "./FormContext";

interface Props {
  field: RefField;
  value: string | null;
  onChange: (value: string | null) => void;
  label: string;
  description: string;
  error?: string;
}

export function RefInput(props: Props) {
  if (props.field.ref === "audio") return <AudioPicker {...props} />;
  if (props.field.ref === "flow") return <FlowPicker {...props} />;
  return <IdInput {...props} />;
}

function AudioPicker({ field, value, onChange, label, description, error }: Props) {
  const { t } = useTranslation();
  const { tenantId } = useSession();
  const { readOnly } = useFormEnv();
  const audio = useAudio(tenantId);
  const options = audio.items.map((asset) => ({ value: asset.id, label: asset.name }));
  if (value && !options.some((option) => option.value === value)) options.push({ value, label: t("inspector.missingRef", { id: value }) });
  return (
    <Select
      label={label}
      description={description}
      error={error}
      withAsterisk={field.required}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      clearable={!field.required}
      readOnly={readOnly}
      placeholder={audio.isLoading ? t("common.loading") : t("inspector.pickAudio")}
      nothingFoundMessage={t("inspector.noAudio")}
      data-testid="ref-audio"
    />
  );
}

function FlowPicker({ field, value, onChange, label, description, error }: Props) {
  const { t } = useTranslation();
  const { tenantId } = useSession();
  const { readOnly, flowId } = useFormEnv();
  const flows = useAllFlows(tenantId);
  const options = (flows.data ?? []).filter((flow) => flow.id !== flowId).map((flow) => ({ value: flow.id, label: flow.name }));
  if (value && !options.some((option) => option.value === value)) options.push({ value, label: t("inspector.missingRef", { id: value }) });
  return (
    <Select
      label={label}
      description={description}
      error={error}
      withAsterisk={field.required}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      clearable={!field.required}
      readOnly={readOnly}
      placeholder={t("inspector.pickFlow")}
      nothingFoundMessage={t("inspector.noFlows")}
      data-testid="ref-flow"
    />
  );
}

function IdInput({ field, value, onChange, label, description, error }: Props) {
  const { readOnly } = useFormEnv();
  return (
    <TextInput
      label={label}
      description={description}
      error={error}
      withAsterisk={field.required}
      value={value ?? ""}
      maxLength={field.maxLength}
      onChange={(event) => onChange(event.currentTarget.value || null)}
      readOnly={readOnly}
    />
  );
}
