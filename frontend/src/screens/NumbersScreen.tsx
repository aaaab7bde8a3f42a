import { Button, Group, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { IconPhone, IconPlus } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { numbersApi } from "../api/endpoints";
import { isApiError } from "../api/problem";
import { useAllFlows, useInvalidateTenant, useNumbers } from "../api/queries";
import type { NumberKind, PhoneNumber } from "../api/types";
import { DeleteAction } from "../components/DeleteAction";
import { EmptyState } from "../components/EmptyState";
import { confirmThen, errorText, fieldErrorTexts, notifyDone, tryOrNotify } from "../components/feedback";
import { LoadMore } from "../components/LoadMore";
import { Page } from "../components/Page";
import { QueryState } from "../components/QueryState";
import { useSession } from "../session";

const KINDS: NumberKind[] = ["did", "extension", "pattern"];

export function NumbersScreen() {
  const { t } = useTranslation();
  const { tenantId, can } = useSession();
  const numbers = useNumbers(tenantId);
  const flows = useAllFlows(tenantId);
  const invalidate = useInvalidateTenant();
  const writable = can("numbers.manage");
  const flowOptions = (flows.data ?? []).map((flow) => ({ value: flow.id, label: flow.name }));

  const refresh = () => {
    void invalidate(tenantId, "numbers");
    void invalidate(tenantId, "flows");
  };

  const bind = (number: PhoneNumber, flowId: string | null) =>
    tryOrNotify(async () => {
      await numbersApi.update(number.id, { flow_id: flowId });
      notifyDone(flowId ? t("numbers.bound", { number: number.number }) : t("numbers.unbound", { number: number.number }));
      refresh();
    }, t);

  const remove = (number: PhoneNumber) =>
    confirmThen(
      {
        title: t("numbers.deleteTitle"),
        message: t("numbers.deleteText", { number: number.number }),
        confirm: t("common.delete"),
        cancel: t("common.cancel"),
        danger: true,
      },
      async () => {
        await numbersApi.remove(number.id);
        refresh();
      },
      t,
    );

  return (
    <Page title={t("numbers.title")} description={t("numbers.description")} testId="numbers-screen">
      {writable ? <AddNumber flowOptions={flowOptions} onAdded={refresh} /> : null}
      <QueryState isLoading={numbers.isLoading} error={numbers.error} retry={() => void numbers.refetch()} />
      {!numbers.isLoading && !numbers.error && numbers.items.length === 0 ? (
        <EmptyState icon={IconPhone} title={t("numbers.emptyTitle")} text={t("numbers.emptyText")} testId="numbers-empty" />
      ) : null}
      {numbers.items.length > 0 ? (
        <Table verticalSpacing="sm" highlightOnHover data-testid="numbers-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("numbers.colNumber")}</Table.Th>
              <Table.Th w={160}>{t("numbers.colKind")}</Table.Th>
              <Table.Th>{t("numbers.colDescription")}</Table.Th>
              <Table.Th w={300}>{t("numbers.colFlow")}</Table.Th>
              <Table.Th w={56}>
                <span className="vf-visually-hidden">{t("common.actions")}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {numbers.items.map((number) => (
              <Table.Tr key={number.id} data-testid={`number-row-${number.number}`}>
                <Table.Td className="vf-mono">{number.number}</Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {t(`numbers.kind_${number.kind}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={number.description ? undefined : "dimmed"}>
                    {number.description || "—"}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    data={flowOptions}
                    value={number.flow_id}
                    onChange={(value) => void bind(number, value)}
                    placeholder={t("numbers.notBound")}
                    clearable
                    searchable
                    disabled={!writable}
                    aria-label={t("numbers.flowFor", { number: number.number })}
                    nothingFoundMessage={t("numbers.noFlows")}
                    data-testid="number-flow"
                  />
                </Table.Td>
                <Table.Td>
                  {writable ? (
                    <DeleteAction label={t("numbers.deleteTitle")} onDelete={() => void remove(number)} />
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <LoadMore list={numbers} />
    </Page>
  );
}

function AddNumber({ flowOptions, onAdded }: { flowOptions: { value: string; label: string }[]; onAdded: () => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState("");
  const [kind, setKind] = useState<NumberKind>("did");
  const [flowId, setFlowId] = useState<string | null>(null);
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const created = await numbersApi.create({ number: number.trim(), kind, flow_id: flowId, description: description.trim() });
      notifyDone(t("numbers.added", { number: created.number }));
      setNumber("");
      setDescription("");
      setFlowId(null);
      onAdded();
    } catch (error) {
      if (isApiError(error) && error.problem.errors?.length) setErrors(fieldErrorTexts(error, t));
      else setErrors({ number: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" mb="lg" component="form" onSubmit={submit} data-testid="number-add">
      <Stack gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(value) => setKind(value as NumberKind)}
          data={KINDS.map((value) => ({ value, label: t(`numbers.kind_${value}`) }))}
          aria-label={t("numbers.kind")}
          w="fit-content"
          data-testid="number-kind"
        />
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <TextInput
            label={t("numbers.number")}
            placeholder={t(`numbers.placeholder_${kind}`)}
            description={t(`numbers.hint_${kind}`)}
            inputWrapperOrder={["label", "input", "description", "error"]}
            required
            w={230}
            value={number}
            onChange={(event) => setNumber(event.currentTarget.value)}
            error={errors.number}
            data-testid="number-input"
          />
          <Select
            label={t("numbers.flow")}
            w={240}
            data={flowOptions}
            value={flowId}
            onChange={setFlowId}
            placeholder={t("numbers.notBound")}
            clearable
            searchable
            error={errors.flow_id}
            data-testid="number-new-flow"
          />
          <TextInput
            label={t("numbers.colDescription")}
            style={{ flex: 1 }}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            error={errors.description}
          />
          <Button type="submit" className="vf-align-input" leftSection={<IconPlus size={16} />} loading={busy} data-testid="number-add-submit">
            {t("numbers.add")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
