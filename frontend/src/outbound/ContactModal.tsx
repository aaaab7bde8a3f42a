// Add or edit one contact of a list: name, external ID, phones (dialled in order), time zone, variables.
import { ActionIcon, Button, Group, Modal, Select, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { IconPlus, IconX } from "@tabler/icons-react";
import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { notifyDone } from "../components/feedback";
import { contactListsApi } from "./api";
import { messageFor, unplaced } from "./fields";
import { MAX_PHONES, VARIABLE_NAME } from "./mapping";
import type { Contact, ContactBody, VariableValue } from "./types";
import { useProblems } from "./ui";

interface VariableRow {
  key: number;
  name: string;
  value: string;
  /** The stored value, sent back as it was (a number stays a number) unless the text changed. */
  original?: VariableValue;
}

export function timeZones(current?: string | null): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return !current || known.includes(current) ? known : [current, ...known];
}

const text = (value: VariableValue) => (value === null || value === undefined ? "" : String(value));

export function ContactModal({ listId, contact, onClose, onDone }: {
  listId: string;
  /** null: a new contact. */
  contact: Contact | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const problems = useProblems();
  const [name, setName] = useState(contact?.name ?? "");
  const [externalId, setExternalId] = useState(contact?.external_id ?? "");
  const [phones, setPhones] = useState<string[]>(contact?.phones.length ? [...contact.phones] : [""]);
  const [timezone, setTimezone] = useState<string | null>(contact?.timezone ?? null);
  const [variables, setVariables] = useState<VariableRow[]>(() =>
    Object.entries(contact?.variables ?? {}).map(([key, value], index) => ({ key: index, name: key, value: text(value), original: value })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => timeZones(contact?.timezone), [contact?.timezone]);

  const check = (): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!phones.some((phone) => phone.trim())) out["phones.0"] = t("outbound.contacts.needPhone");
    const seen = new Set<string>();
    variables.forEach((row, index) => {
      const key = row.name.trim();
      if (!key) out[`variables.${index}`] = t("validation.required");
      else if (!VARIABLE_NAME.test(key)) out[`variables.${index}`] = t("outbound.mapping.badVariable");
      else if (seen.has(key)) out[`variables.${index}`] = t("outbound.mapping.variableTaken");
      seen.add(key);
    });
    return out;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    if (Object.keys(found).length) {
      setErrors(found);
      return;
    }
    // Blank phone rows are not sent: the API's "phones.N" is the N-th sent, shown on its own row.
    const sent = phones.flatMap((phone, index) => (phone.trim() ? [index] : []));
    const body: ContactBody = {
      name: name.trim(),
      external_id: externalId.trim() || null,
      phones: sent.map((index) => phones[index].trim()),
      timezone: timezone || null,
      variables: Object.fromEntries(
        variables.map((row) => [row.name.trim(), row.original !== undefined && text(row.original) === row.value ? row.original : row.value]),
      ),
    };
    setBusy(true);
    setErrors({});
    try {
      if (contact) await contactListsApi.updateContact(listId, contact.id, body);
      else await contactListsApi.addContact(listId, body);
      notifyDone(contact ? t("outbound.contacts.saved") : t("outbound.contacts.added"));
      onDone();
      onClose();
    } catch (error) {
      setBusy(false);
      const fields = problems.fields(error);
      // Variables come back by name ("variables.debt"): shown on the row with that name.
      const placed: Record<string, string> = {};
      for (const [field, message] of Object.entries(fields)) {
        const variable = field.match(/^variables\.(.+)$/);
        const phone = field.match(/^phones\.(\d+)$/);
        const row = variable ? variables.findIndex((entry) => entry.name.trim() === variable[1]) : -1;
        if (row >= 0) placed[`variables.${row}`] = message;
        else if (phone && sent[Number(phone[1])] !== undefined) placed[`phones.${sent[Number(phone[1])]}`] = message;
        else placed[field] = message;
      }
      setErrors(Object.keys(placed).length ? placed : { form: problems.text(error) });
    }
  };

  const setPhone = (index: number, value: string) => setPhones((list) => list.map((phone, i) => (i === index ? value : phone)));
  const setVariable = (index: number, change: Partial<VariableRow>) =>
    setVariables((rows) => rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const other = unplaced(errors, ["name", "external_id", "phones", "timezone", "variables"]);

  return (
    <Modal opened onClose={onClose} title={contact ? t("outbound.contacts.editTitle") : t("outbound.contacts.addTitle")} size="lg" data-testid="contact-form">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label={t("outbound.contacts.name")}
              data-autofocus
              maxLength={200}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={messageFor(errors, "name")}
              data-testid="contact-name"
            />
            <TextInput
              label={t("outbound.contacts.externalId")}
              description={t("outbound.contacts.externalIdHint")}
              inputWrapperOrder={["label", "input", "description", "error"]}
              maxLength={100}
              value={externalId}
              onChange={(event) => setExternalId(event.currentTarget.value)}
              error={messageFor(errors, "external_id")}
            />
          </Group>
          <div>
            <Text size="sm" fw={500}>
              {t("outbound.contacts.phones")} <span className="vf-required">*</span>
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              {t("outbound.contacts.phonesHint")}
            </Text>
            <Stack gap={6}>
              {phones.map((phone, index) => (
                <Group key={index} gap="xs" wrap="nowrap" align="flex-start">
                  <Text size="sm" c="dimmed" w={18} mt={6} ta="right">
                    {index + 1}.
                  </Text>
                  <TextInput
                    style={{ flex: 1 }}
                    placeholder="+7 916 123-45-67"
                    maxLength={40}
                    value={phone}
                    onChange={(event) => setPhone(index, event.currentTarget.value)}
                    error={errors[`phones.${index}`]}
                    aria-label={t("outbound.contacts.phoneN", { n: index + 1 })}
                    data-testid={`contact-phone-${index}`}
                  />
                  {phones.length > 1 ? (
                    <Tooltip label={t("outbound.common.remove")}>
                      <ActionIcon variant="subtle" color="gray" mt={4} onClick={() => setPhones((list) => list.filter((_, i) => i !== index))} aria-label={t("outbound.common.remove")}>
                        <IconX size={16} />
                      </ActionIcon>
                    </Tooltip>
                  ) : null}
                </Group>
              ))}
            </Stack>
            {errors.phones ? (
              <Text size="xs" c="red" mt={4}>
                {errors.phones}
              </Text>
            ) : null}
            {phones.length < MAX_PHONES ? (
              <Button variant="subtle" size="compact-sm" mt={6} leftSection={<IconPlus size={14} />} onClick={() => setPhones((list) => [...list, ""])} data-testid="contact-phone-add">
                {t("outbound.contacts.addPhone")}
              </Button>
            ) : null}
          </div>
          <Select
            label={t("outbound.contacts.timezone")}
            description={t("outbound.contacts.timezoneHint")}
            inputWrapperOrder={["label", "input", "description", "error"]}
            data={zones}
            searchable
            clearable
            value={timezone}
            onChange={setTimezone}
            error={messageFor(errors, "timezone")}
          />
          <div>
            <Text size="sm" fw={500}>
              {t("outbound.contacts.variables")}
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              {t("outbound.contacts.variablesHint")}
            </Text>
            <Stack gap={6}>
              {variables.map((row, index) => (
                <Group key={row.key} gap="xs" wrap="nowrap" align="flex-start">
                  <TextInput
                    w={200}
                    placeholder="debt"
                    value={row.name}
                    onChange={(event) => setVariable(index, { name: event.currentTarget.value })}
                    error={errors[`variables.${index}`]}
                    aria-label={t("outbound.contacts.variableName")}
                    classNames={{ input: "vf-mono" }}
                  />
                  <TextInput
                    style={{ flex: 1 }}
                    value={row.value}
                    maxLength={1000}
                    onChange={(event) => setVariable(index, { value: event.currentTarget.value })}
                    aria-label={t("outbound.contacts.variableValue")}
                  />
                  <ActionIcon variant="subtle" color="gray" mt={4} onClick={() => setVariables((rows) => rows.filter((_, i) => i !== index))} aria-label={t("outbound.common.remove")}>
                    <IconX size={16} />
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
            <Button
              variant="subtle"
              size="compact-sm"
              mt={6}
              leftSection={<IconPlus size={14} />}
              onClick={() => setVariables((rows) => [...rows, { key: Math.max(-1, ...rows.map((row) => row.key)) + 1, name: "", value: "" }])}
            >
              {t("outbound.contacts.addVariable")}
            </Button>
          </div>
          {other.length ? (
            <Text size="sm" c="red" data-testid="form-error">
              {other.join(" ")}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy} data-testid="contact-form-submit">
              {contact ? t("common.save") : t("outbound.contacts.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
