// Renders one field of a node's form model; objects, unions and lists recurse. Every change
// reports the leaf path it came from, so typing into one field is one undo step.
import {
  ActionIcon,
  Button,
  Chip,
  Group,
  Input,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconPlus, IconX } from "@tabler/icons-react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import {
  initialValue,
  preferredVariant,
  type EnumField,
  type FormField,
  type ListField,
  type NumberField,
  type ObjectField,
  type TextField,
  type UnionField,
} from "../../catalog/form";
import type { Params } from "../../catalog/types";
import { pick } from "../../i18n";
import { useFormEnv } from "./FormContext";
import { RefInput } from "./RefInput";
import { VariableMenu } from "./VariableMenu";

export type OnFieldChange = (value: unknown, leafPath?: string) => void;

interface FieldProps<F extends FormField = FormField> {
  field: F;
  value: unknown;
  path: string;
  onChange: OnFieldChange;
}

const join = (path: string, part: string | number) => (path ? `${path}.${part}` : String(part));

/** What clearing a field stores: null when null means "none" rather than "the default", else unset. */
function emptyValue(field: FormField): unknown {
  return field.nullable && field.default !== undefined && field.default !== null ? null : undefined;
}

function withKey(object: Params, key: string, value: unknown): Params {
  const next = { ...object };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

function useTexts(field: FormField) {
  const { locale } = useFormEnv();
  return { label: pick(field.title, locale), description: pick(field.description, locale) };
}

export function SchemaField(props: FieldProps) {
  const { field } = props;
  let control: React.ReactNode;
  switch (field.kind) {
    case "text":
      control = <TextControl {...props} field={field} />;
      break;
    case "number":
      control = <NumberControl {...props} field={field} />;
      break;
    case "boolean":
      control = <BooleanControl {...props} />;
      break;
    case "enum":
      control = <EnumControl {...props} field={field} />;
      break;
    case "date":
      control = <DateControl {...props} />;
      break;
    case "ref":
      control = <RefControl {...props} />;
      break;
    case "const":
      return null;
    case "object":
      control = <ObjectControl {...props} field={field} />;
      break;
    case "union":
      control = <UnionControl {...props} field={field} />;
      break;
    case "list":
      control = <ListControl {...props} field={field} />;
      break;
  }
  return (
    <div data-field-path={props.path} className="vf-field">
      {control}
    </div>
  );
}

function TextControl({ field, value, path, onChange }: FieldProps<TextField>) {
  const env = useFormEnv();
  const { label, description } = useTexts(field);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const shown = typeof value === "string" ? value : value === undefined && typeof field.default === "string" ? field.default : "";
  const set = (text: string) => onChange(text === "" ? emptyValue(field) : text, path);

  const insert = (snippet: string) => {
    const element = ref.current;
    const start = element?.selectionStart ?? shown.length;
    const end = element?.selectionEnd ?? shown.length;
    set(shown.slice(0, start) + snippet + shown.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + snippet.length, start + snippet.length);
    });
  };
  const common = {
    ref,
    label: label || undefined,
    description: description || undefined,
    error: env.errorAt(path),
    withAsterisk: field.required,
    value: shown,
    readOnly: env.readOnly,
    onChange: (event: React.ChangeEvent<HTMLInputElement & HTMLTextAreaElement>) => set(event.currentTarget.value),
    rightSection: (field.template || field.expression) && !env.readOnly ? <VariableMenu template={field.template} onInsert={insert} /> : undefined,
    styles: field.expression ? { input: { fontFamily: "var(--mantine-font-family-monospace)" } } : undefined,
    "data-testid": `field-${path}`,
  };
  return field.multiline ? <Textarea {...common} autosize minRows={2} maxRows={8} /> : <TextInput {...common} />;
}

function NumberControl({ field, value, path, onChange }: FieldProps<NumberField>) {
  const env = useFormEnv();
  const { label, description } = useTexts(field);
  const shown = typeof value === "number" ? value : value === undefined && typeof field.default === "number" ? field.default : "";
  return (
    <NumberInput
      label={label}
      description={description}
      error={env.errorAt(path)}
      withAsterisk={field.required}
      value={shown}
      min={field.minimum}
      max={field.maximum}
      allowDecimal={!field.integer}
      clampBehavior="none"
      readOnly={env.readOnly}
      onChange={(next) => onChange(typeof next === "number" ? next : next === "" ? emptyValue(field) : Number(next), path)}
      data-testid={`field-${path}`}
    />
  );
}

function BooleanControl({ field, value, path, onChange }: FieldProps) {
  const env = useFormEnv();
  const { label, description } = useTexts(field);
  const checked = typeof value === "boolean" ? value : field.default === true;
  return (
    <Switch
      label={label}
      description={description}
      error={env.errorAt(path)}
      checked={checked}
      disabled={env.readOnly}
      onChange={(event) => onChange(event.currentTarget.checked, path)}
      data-testid={`field-${path}`}
    />
  );
}

function EnumControl({ field, value, path, onChange }: FieldProps<EnumField>) {
  const env = useFormEnv();
  const { label, description } = useTexts(field);
  const clearable = field.nullable || !field.required;
  const shown = typeof value === "string" ? value : value === undefined && typeof field.default === "string" ? field.default : null;
  return (
    <Select
      label={label}
      description={description}
      error={env.errorAt(path)}
      withAsterisk={field.required}
      data={field.options.map((option) => ({ value: option.value, label: pick(option.label, env.locale) }))}
      value={shown}
      onChange={(next) => onChange(next ?? emptyValue(field), path)}
      clearable={clearable && field.default === undefined}
      allowDeselect={false}
      readOnly={env.readOnly}
      comboboxProps={{ withinPortal: true }}
      data-testid={`field-${path}`}
    />
  );
}

function DateControl({ field, value, path, onChange }: FieldProps) {
  const env = useFormEnv();
  const { label, description } = useTexts(field);
  return (
    <TextInput
      type="date"
      label={label || undefined}
      description={description || undefined}
      error={env.errorAt(path)}
      value={typeof value === "string" ? value : ""}
      readOnly={env.readOnly}
      onChange={(event) => onChange(event.currentTarget.value || emptyValue(field), path)}
      data-testid={`field-${path}`}
    />
  );
}

function RefControl({ field, value, path, onChange }: FieldProps) {
  const env = useFormEnv();
  const { label, description } = useTexts(field);
  if (field.kind !== "ref") return null;
  return (
    <RefInput
      field={field}
      value={typeof value === "string" ? value : null}
      onChange={(next) => onChange(next ?? emptyValue(field), path)}
      label={label}
      description={description}
      error={env.errorAt(path)}
    />
  );
}

/** The fields of an object, each reporting a change of the whole object upwards. */
export function ObjectFields({ field, value, path, onChange }: FieldProps<ObjectField>) {
  const object = (value && typeof value === "object" ? value : {}) as Params;
  return (
    <Stack gap="sm">
      {field.fields.map((child) => (
        <SchemaField
          key={child.name}
          field={child}
          value={object[child.name]}
          path={join(path, child.name)}
          onChange={(next, leaf) => onChange(withKey(object, child.name, next), leaf)}
        />
      ))}
    </Stack>
  );
}

function ObjectControl({ field, value, path, onChange }: FieldProps<ObjectField>) {
  const { t } = useTranslation();
  const env = useFormEnv();
  const { label, description } = useTexts(field);
  const present = value !== null && value !== undefined;
  return (
    <Paper withBorder p="sm" radius="sm" className="vf-group">
      <Group justify="space-between" wrap="nowrap" mb={present ? "xs" : 0}>
        <div>
          <Text size="sm" fw={600}>
            {label}
            {field.required ? <span className="vf-required"> *</span> : null}
          </Text>
          {description ? (
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          ) : null}
        </div>
        {field.nullable ? (
          <Switch
            aria-label={t("inspector.useOptional", { field: label })}
            checked={present}
            disabled={env.readOnly}
            onChange={(event) => onChange(event.currentTarget.checked ? initialValue({ ...field, required: true }) : null)}
            data-testid={`toggle-${path}`}
          />
        ) : null}
      </Group>
      {env.errorAt(path) ? (
        <Text size="xs" c="red" mb="xs">
          {env.errorAt(path)}
        </Text>
      ) : null}
      {present ? <ObjectFields field={field} value={value} path={path} onChange={onChange} /> : null}
    </Paper>
  );
}

function UnionControl({ field, value, path, onChange }: FieldProps<UnionField>) {
  const env = useFormEnv();
  const object = (value && typeof value === "object" ? value : {}) as Params;
  const variant = field.variants.find((v) => v.value === object[field.discriminator]) ?? preferredVariant(field);
  return (
    <Stack gap="xs">
      <SegmentedControl
        size="xs"
        fullWidth
        value={variant.value}
        readOnly={env.readOnly}
        data={field.variants.map((v) => ({ value: v.value, label: pick(v.label, env.locale) }))}
        onChange={(next) => {
          const chosen = field.variants.find((v) => v.value === next);
          if (chosen) onChange(initialValue(chosen.object));
        }}
        data-testid={`variant-${path}`}
      />
      {env.errorAt(path) ? (
        <Text size="xs" c="red">
          {env.errorAt(path)}
        </Text>
      ) : null}
      <ObjectFields field={variant.object} value={object} path={path} onChange={onChange} />
    </Stack>
  );
}

function ListControl({ field, value, path, onChange }: FieldProps<ListField>) {
  const { t } = useTranslation();
  const env = useFormEnv();
  const { label, description } = useTexts(field);
  const items = Array.isArray(value) ? value : Array.isArray(field.default) ? (field.default as unknown[]) : [];
  const item = field.item;
  const error = env.errorAt(path);

  if (item.kind === "enum") {
    return (
      <Input.Wrapper label={label} description={description} error={error} withAsterisk={field.required}>
        <Chip.Group multiple value={items.map(String)} onChange={(next) => onChange(item.options.map((o) => o.value).filter((v) => next.includes(v)), path)}>
          <Group gap={6} mt={6}>
            {item.options.map((option) => (
              <Chip key={option.value} value={option.value} size="xs" disabled={env.readOnly}>
                {pick(option.label, env.locale)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Input.Wrapper>
    );
  }

  const compound = item.kind === "object" || item.kind === "union";
  const full = field.maxItems !== undefined && items.length >= field.maxItems;
  const replace = (index: number, next: unknown) => items.map((old, i) => (i === index ? next : old));
  const remove = (index: number) => onChange(items.filter((_, i) => i !== index));
  const move = (index: number, delta: number) => {
    const next = [...items];
    [next[index], next[index + delta]] = [next[index + delta], next[index]];
    onChange(next);
  };
  const add = () => onChange([...items, compound ? initialValue(item) : item.kind === "text" ? "" : undefined]);

  return (
    <Input.Wrapper label={label} description={description} error={error} withAsterisk={field.required} data-testid={`list-${path}`}>
      <Stack gap={compound ? "xs" : 6} mt={6}>
        {items.map((entry, index) => {
          const itemPath = join(path, index);
          const controls = env.readOnly ? null : (
            <Group gap={2} wrap="nowrap">
              {compound ? (
                <>
                  <ActionIcon size="sm" variant="subtle" color="gray" disabled={index === 0} onClick={() => move(index, -1)} aria-label={t("inspector.moveUp")}>
                    <IconArrowUp size={14} />
                  </ActionIcon>
                  <ActionIcon size="sm" variant="subtle" color="gray" disabled={index === items.length - 1} onClick={() => move(index, 1)} aria-label={t("inspector.moveDown")}>
                    <IconArrowDown size={14} />
                  </ActionIcon>
                </>
              ) : null}
              <Tooltip label={t("inspector.removeItem")} openDelay={300}>
                <ActionIcon size="sm" variant="subtle" color="red" onClick={() => remove(index)} aria-label={t("inspector.removeItem")} data-testid={`remove-${itemPath}`}>
                  <IconX size={14} />
                </ActionIcon>
              </Tooltip>
            </Group>
          );
          const child = <SchemaField field={item} value={entry} path={itemPath} onChange={(next, leaf) => onChange(replace(index, next), leaf)} />;
          return compound ? (
            <Paper key={index} withBorder p="xs" radius="sm" className="vf-list-item">
              <Group justify="space-between" mb={4}>
                <Text size="xs" c="dimmed" fw={600}>
                  #{index + 1}
                </Text>
                {controls}
              </Group>
              {child}
            </Paper>
          ) : (
            <Group key={index} gap={4} wrap="nowrap" align="flex-start" className="vf-list-row">
              <div style={{ flex: 1 }}>{child}</div>
              <div className="vf-list-row-actions">{controls}</div>
            </Group>
          );
        })}
        {!env.readOnly ? (
          <div>
            <Button size="compact-xs" variant="light" leftSection={<IconPlus size={14} />} onClick={add} disabled={full} data-testid={`add-${path}`}>
              {t("inspector.addItem")}
            </Button>
          </div>
        ) : null}
      </Stack>
    </Input.Wrapper>
  );
}
