// A campaign's settings, new or edited: flow and lists (fixed once started), caller ID and trunk, pacing,
// attempts and retry delays (minutes here, seconds in the API), calling windows, dates and time zone, and
// what counts as success. Checked as the API checks; the API's own field problems land on their fields.
import {
  Alert,
  Badge,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { IconAlertCircle, IconInfoCircle, IconLock } from "@tabler/icons-react";
import { useMemo, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAllFlows } from "../api/queries";
import { notifyDone } from "../components/feedback";
import { Page } from "../components/Page";
import { QueryState } from "../components/QueryState";
import { Section } from "../components/Section";
import { navigate } from "../router";
import { useSession } from "../session";
import { campaignsApi } from "./api";
import { bodyOf, checkCampaign, defaultFormValues, formValuesOf, isFinal, type CampaignFormValues } from "./campaign";
import { timeZones } from "./ContactModal";
import { messageFor, unplaced } from "./fields";
import { outboundPaths } from "./paths";
import { useAllContactLists, useCampaign, useInvalidateOutbound } from "./queries";
import { RETRY_KINDS, type Campaign, type CampaignState, type SuccessKind } from "./types";
import { useProblems } from "./ui";
import { WindowsEditor } from "./WindowsEditor";

const FIELDS = [
  "name", "comment", "flow_id", "list_ids", "caller_id", "trunk", "max_channels", "max_calls_per_second",
  "max_attempts_per_contact", "max_attempts_per_number", "retry_delays", "windows", "timezone", "starts_at", "ends_at",
  "priority", "ring_timeout", "success_rule",
];

type NumericField = "max_channels" | "max_calls_per_second" | "max_attempts_per_contact" | "max_attempts_per_number" | "priority" | "ring_timeout";

/** /campaigns/new and /campaigns/:id/edit. */
export function CampaignFormScreen({ campaignId }: { campaignId: string | null }) {
  const { t } = useTranslation();
  const { tenantId } = useSession();
  const campaign = useCampaign(tenantId, campaignId ?? "");
  const back = campaignId
    ? { href: outboundPaths.campaign(campaignId), label: t("outbound.form.backToCampaign") }
    : { href: outboundPaths.campaigns(), label: t("outbound.campaigns.back") };

  if (!campaignId) {
    return (
      <Page title={t("outbound.form.newTitle")} description={t("outbound.form.newDescription")} back={back} testId="campaign-form-screen">
        <CampaignForm campaign={null} />
      </Page>
    );
  }
  if (!campaign.data) {
    return (
      <Page title={t("outbound.form.editTitle")} back={back}>
        <QueryState isLoading={campaign.isLoading} error={campaign.error} retry={() => void campaign.refetch()} />
      </Page>
    );
  }
  return (
    <Page title={t("outbound.form.editTitleOf", { name: campaign.data.name })} back={back} testId="campaign-form-screen">
      {isFinal(campaign.data.state) ? (
        <Alert color="gray" icon={<IconLock />} data-testid="campaign-finished">
          {t("outbound.form.finished")}
        </Alert>
      ) : (
        <CampaignForm key={campaign.data.id} campaign={campaign.data} />
      )}
    </Page>
  );
}

function CampaignForm({ campaign }: { campaign: Campaign | null }) {
  const { t } = useTranslation();
  const { tenantId, me, locale } = useSession();
  const problems = useProblems();
  const invalidate = useInvalidateOutbound();
  const flows = useAllFlows(tenantId);
  const lists = useAllContactLists(tenantId);
  const state: CampaignState = campaign?.state ?? "draft";
  const draft = state === "draft";
  const [values, setValues] = useState<CampaignFormValues>(() => (campaign ? formValuesOf(campaign) : defaultFormValues()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => timeZones(values.timezone), [values.timezone]);
  const formRef = useRef<HTMLFormElement>(null);
  // After a refusal, the first marked field comes into view.
  const showFirstError = () =>
    requestAnimationFrame(() => formRef.current?.querySelector('[data-error="true"], [aria-invalid="true"]')?.scrollIntoView({ block: "center", behavior: "smooth" }));

  const set = <K extends keyof CampaignFormValues>(name: K, value: CampaignFormValues[K]) => {
    setValues((previous) => ({ ...previous, [name]: value }));
    setErrors((previous) => {
      const kept = Object.entries(previous).filter(([field]) => field !== name && !field.startsWith(`${String(name)}.`));
      return kept.length === Object.keys(previous).length ? previous : Object.fromEntries(kept);
    });
  };
  const setSuccess = (name: "success_kind" | "success_outcome" | "success_digit" | "success_seconds", value: string | number) => {
    setValues((previous) => ({ ...previous, [name]: value }));
    setErrors((previous) => Object.fromEntries(Object.entries(previous).filter(([field]) => !field.startsWith("success_rule"))));
  };
  const error = (field: string) => messageFor(errors, field);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAlert(null);
    const checked = Object.entries(checkCampaign(values, draft)).flatMap(([field, message]) => (message ? [[field, t(message.key, message.values)] as const] : []));
    if (checked.length) {
      setErrors(Object.fromEntries(checked));
      setAlert(t("outbound.form.fix"));
      showFirstError();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const body = bodyOf(values, draft);
      const saved = campaign
        ? await campaignsApi.update(campaign.id, body)
        : await campaignsApi.create({ ...body, name: body.name ?? "", flow_id: body.flow_id ?? "" });
      notifyDone(campaign ? t("outbound.form.saved") : t("outbound.form.created", { name: saved.name }));
      void invalidate(tenantId, "campaigns");
      void invalidate(tenantId, "campaign", saved.id);
      navigate(outboundPaths.campaign(saved.id));
    } catch (caught) {
      setBusy(false);
      const fields = problems.fields(caught);
      setErrors(fields);
      const other = unplaced(fields, FIELDS);
      setAlert(other.length ? other.join(" ") : Object.keys(fields).length ? t("outbound.form.fix") : problems.text(caught));
      showFirstError();
    }
  };

  const flowOptions = (flows.data ?? []).map((flow) => ({
    value: flow.id,
    label: flow.published_version ? flow.name : `${flow.name} — ${t("outbound.form.notPublished")}`,
  }));
  if (values.flow_id && !flowOptions.some((option) => option.value === values.flow_id)) {
    flowOptions.unshift({ value: values.flow_id, label: values.flow_id });
  }
  const chosenFlow = flows.data?.find((flow) => flow.id === values.flow_id);
  const listOptions = (lists.data ?? []).map((list) => ({ value: list.id, label: t("outbound.form.listOption", { name: list.name, contacts: list.contact_count.toLocaleString(locale) }) }));
  for (const id of values.list_ids) if (!listOptions.some((option) => option.value === id)) listOptions.push({ value: id, label: id });
  const chosenContacts = (lists.data ?? []).filter((list) => values.list_ids.includes(list.id)).reduce((sum, list) => sum + list.contact_count, 0);
  const number = (field: NumericField, label: string, props: { min?: number; max?: number; decimal?: boolean; hint?: string } = {}) => (
    <NumberInput
      label={label}
      description={props.hint}
      inputWrapperOrder={["label", "input", "description", "error"]}
      min={props.min}
      max={props.max}
      allowDecimal={props.decimal ?? false}
      decimalSeparator={props.decimal ? "," : undefined}
      value={values[field]}
      onChange={(value) => set(field, value)}
      error={error(field)}
      data-testid={`campaign-${field}`}
    />
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate data-testid="campaign-form">
      <Stack gap="lg" maw={920}>
        <Section title={t("outbound.form.main")}>
          <Stack gap="sm">
            <TextInput label={t("outbound.form.name")} required maxLength={200} value={values.name} onChange={(event) => set("name", event.currentTarget.value)} error={error("name")} data-autofocus data-testid="campaign-name" />
            <Textarea label={t("outbound.form.comment")} autosize minRows={1} maxRows={4} value={values.comment} onChange={(event) => set("comment", event.currentTarget.value)} error={error("comment")} />
            {!draft ? (
              <Alert color="gray" icon={<IconLock />} p="xs">
                <Text size="sm">{t("outbound.form.lockedAfterStart")}</Text>
              </Alert>
            ) : null}
            <SimpleGrid cols={2}>
              <Select
                label={t("outbound.form.flow")}
                description={t("outbound.form.flowHint")}
                inputWrapperOrder={["label", "input", "description", "error"]}
                required
                searchable
                data={flowOptions}
                value={values.flow_id}
                onChange={(value) => set("flow_id", value)}
                disabled={!draft}
                nothingFoundMessage={t("outbound.form.noFlows")}
                error={error("flow_id")}
                data-testid="campaign-flow"
              />
              <MultiSelect
                label={t("outbound.form.lists")}
                description={values.list_ids.length ? t("outbound.form.listsChosen", { contacts: chosenContacts.toLocaleString(locale) }) : t("outbound.form.listsHint")}
                inputWrapperOrder={["label", "input", "description", "error"]}
                searchable
                data={listOptions}
                value={values.list_ids}
                onChange={(value) => set("list_ids", value)}
                disabled={!draft}
                maxValues={20}
                nothingFoundMessage={t("outbound.form.noLists")}
                error={error("list_ids")}
                data-testid="campaign-lists"
              />
            </SimpleGrid>
            {chosenFlow && !chosenFlow.published_version && draft ? (
              <Text size="xs" c="orange" data-testid="campaign-flow-unpublished">
                {t("outbound.form.publishFirst")}
              </Text>
            ) : null}
          </Stack>
        </Section>

        <Section title={t("outbound.form.calling")} text={t("outbound.form.callingText")}>
          <SimpleGrid cols={3} spacing="sm">
            <TextInput label={t("outbound.form.callerId")} description={t("outbound.form.callerIdHint")} inputWrapperOrder={["label", "input", "description", "error"]} placeholder="+74951234567" maxLength={32} value={values.caller_id} onChange={(event) => set("caller_id", event.currentTarget.value)} error={error("caller_id")} data-testid="campaign-caller_id" />
            <TextInput label={t("outbound.form.trunk")} description={t("outbound.form.trunkHint")} inputWrapperOrder={["label", "input", "description", "error"]} maxLength={64} value={values.trunk} onChange={(event) => set("trunk", event.currentTarget.value)} error={error("trunk")} classNames={{ input: "vf-mono" }} data-testid="campaign-trunk" />
            {number("ring_timeout", t("outbound.form.ringTimeout"), { min: 5, max: 180, hint: t("outbound.form.ringTimeoutHint") })}
            {number("max_channels", t("outbound.form.maxChannels"), { min: 1, max: 1000, hint: t("outbound.form.maxChannelsHint") })}
            {number("max_calls_per_second", t("outbound.form.maxCps"), { min: 0, max: 200, decimal: true, hint: t("outbound.form.maxCpsHint") })}
            {number("priority", t("outbound.form.priority"), { min: 1, max: 10, hint: t("outbound.form.priorityHint") })}
          </SimpleGrid>
        </Section>

        <Section title={t("outbound.form.attempts")} text={t("outbound.form.attemptsText")}>
          <Stack gap="sm">
            <SimpleGrid cols={2} spacing="sm">
              {number("max_attempts_per_contact", t("outbound.form.maxAttemptsContact"), { min: 1, max: 50 })}
              {number("max_attempts_per_number", t("outbound.form.maxAttemptsNumber"), { min: 1, max: 50 })}
            </SimpleGrid>
            <Text size="sm" fw={500}>
              {t("outbound.form.retryDelays")}
            </Text>
            <SimpleGrid cols={4} spacing="sm">
              {RETRY_KINDS.map((kind) => (
                <NumberInput
                  key={kind}
                  label={t(`outbound.form.retry_${kind}`)}
                  rightSection={<Text size="xs" c="dimmed">{t("outbound.form.min")}</Text>}
                  rightSectionWidth={44}
                  min={0}
                  max={7 * 24 * 60}
                  allowDecimal
                  decimalSeparator=","
                  value={values.retry_delays[kind]}
                  onChange={(value) => set("retry_delays", { ...values.retry_delays, [kind]: value })}
                  error={error(`retry_delays.${kind}`)}
                  data-testid={`campaign-retry-${kind}`}
                />
              ))}
            </SimpleGrid>
          </Stack>
        </Section>

        <Section title={t("outbound.form.schedule")} text={t("outbound.form.scheduleText")}>
          <Stack gap="sm">
            <SimpleGrid cols={3} spacing="sm">
              <Select
                label={t("outbound.form.timezone")}
                placeholder={me.tenant?.timezone ?? ""}
                description={t("outbound.form.timezoneDefault")}
                inputWrapperOrder={["label", "input", "description", "error"]}
                data={zones}
                searchable
                clearable
                value={values.timezone || null}
                onChange={(value) => set("timezone", value ?? "")}
                error={error("timezone")}
                data-testid="campaign-timezone"
              />
              <TextInput type="datetime-local" label={t("outbound.form.startsAt")} description={t("outbound.form.startsAtHint")} inputWrapperOrder={["label", "input", "description", "error"]} value={values.starts_at} onChange={(event) => set("starts_at", event.currentTarget.value)} error={error("starts_at")} data-testid="campaign-starts_at" />
              <TextInput type="datetime-local" label={t("outbound.form.endsAt")} description={t("outbound.form.endsAtHint")} inputWrapperOrder={["label", "input", "description", "error"]} value={values.ends_at} onChange={(event) => set("ends_at", event.currentTarget.value)} error={error("ends_at")} data-testid="campaign-ends_at" />
            </SimpleGrid>
            <WindowsEditor windows={values.windows} onChange={(windows) => set("windows", windows)} errors={errors} />
          </Stack>
        </Section>

        <Section title={t("outbound.form.success")} text={t("outbound.form.successText")}>
          <Stack gap="sm">
            <SegmentedControl
              w="fit-content"
              value={values.success_kind}
              onChange={(value) => setSuccess("success_kind", value as SuccessKind)}
              data={(["flow_result", "dtmf", "listened"] as const).map((kind) => ({ value: kind, label: t(`outbound.form.success_${kind}`) }))}
              data-testid="campaign-success-kind"
            />
            <Group align="flex-start" gap="sm">
              {values.success_kind === "flow_result" ? (
                <TextInput label={t("outbound.form.successOutcome")} description={t("outbound.form.successOutcomeHint")} inputWrapperOrder={["label", "input", "description", "error"]} w={360} maxLength={64} value={values.success_outcome} onChange={(event) => setSuccess("success_outcome", event.currentTarget.value)} error={error("success_rule")} classNames={{ input: "vf-mono" }} data-testid="campaign-success-outcome" />
              ) : null}
              {values.success_kind === "dtmf" ? (
                <Select label={t("outbound.form.successDigit")} description={t("outbound.form.successDigitHint")} inputWrapperOrder={["label", "input", "description", "error"]} w={200} data={["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "*", "#"]} value={values.success_digit} onChange={(value) => setSuccess("success_digit", value ?? "1")} allowDeselect={false} error={error("success_rule")} data-testid="campaign-success-digit" />
              ) : null}
              {values.success_kind === "listened" ? (
                <NumberInput label={t("outbound.form.successSeconds")} description={t("outbound.form.successSecondsHint")} inputWrapperOrder={["label", "input", "description", "error"]} w={260} min={1} max={3600} value={values.success_seconds} onChange={(value) => setSuccess("success_seconds", value)} error={error("success_rule")} data-testid="campaign-success-seconds" />
              ) : null}
            </Group>
            <Group gap={6} wrap="nowrap">
              <IconInfoCircle size={16} color="var(--mantine-color-dimmed)" />
              <Text size="xs" c="dimmed">
                {t(`outbound.form.successExplain_${values.success_kind}`)}
              </Text>
            </Group>
          </Stack>
        </Section>

        {alert ? (
          <Alert color="red" icon={<IconAlertCircle />} data-testid="form-error">
            {alert}
          </Alert>
        ) : null}
        <Group justify="space-between">
          {campaign ? (
            <Badge variant="light" color="gray">
              {t(`outbound.state.${state}`)}
            </Badge>
          ) : (
            <span />
          )}
          <Group gap="sm">
            <Button variant="default" onClick={() => navigate(campaign ? outboundPaths.campaign(campaign.id) : outboundPaths.campaigns())}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy} data-testid="campaign-save">
              {campaign ? t("common.save") : t("outbound.form.createSubmit")}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
