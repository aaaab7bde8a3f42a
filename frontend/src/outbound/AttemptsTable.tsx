// Call attempts (попытки вызова) as a table: the campaign page's last attempts, a contact's attempts, the report.
import { Badge, Table, Text, Tooltip } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../components/format";
import { useSession } from "../session";
import { clock } from "./campaign";
import type { Attempt } from "./types";

export const OUTCOME_COLORS: Record<string, string> = {
  answered: "green",
  busy: "orange",
  no_answer: "yellow",
  failed: "red",
  rejected: "red",
  provider_error: "grape",
  cancelled: "gray",
  interrupted: "gray",
};

export function OutcomeBadge({ outcome }: { outcome: string | null }) {
  const { t } = useTranslation();
  if (!outcome) {
    return (
      <Badge variant="light" color="blue" size="sm" tt="none">
        {t("outbound.outcome.live")}
      </Badge>
    );
  }
  return (
    <Badge variant="light" color={OUTCOME_COLORS[outcome] ?? "gray"} size="sm" tt="none" data-outcome={outcome}>
      {t(`outbound.outcome.${outcome}`, { defaultValue: outcome })}
    </Badge>
  );
}

const timeOnly = new Map<string, Intl.DateTimeFormat>();

/** `compact`: time of day, number, outcome and talk only (the campaign page's last attempts). */
export function AttemptsTable({ attempts, compact = false, testId }: { attempts: Attempt[]; compact?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const { locale } = useSession();
  if (compact) {
    let format = timeOnly.get(locale);
    if (!format) timeOnly.set(locale, (format = new Intl.DateTimeFormat(locale, { timeStyle: "medium" })));
    const time = (iso: string | null) => (iso ? format.format(new Date(iso)) : "—");
    return (
      <Table verticalSpacing={4} fz="sm" data-testid={testId}>
        <Table.Tbody>
          {attempts.map((attempt) => (
            <Table.Tr key={attempt.id} data-testid="attempt-row" data-outcome={attempt.outcome ?? "live"}>
              <Table.Td w={90}>{time(attempt.originated_at ?? attempt.ended_at)}</Table.Td>
              <Table.Td className="vf-mono">{attempt.phone}</Table.Td>
              <Table.Td w={150}>
                <OutcomeBadge outcome={attempt.outcome} />
              </Table.Td>
              <Table.Td w={60} ta="right" className="vf-mono">
                {attempt.answered_at ? clock(attempt.talk_seconds) : ""}
              </Table.Td>
              <Table.Td w={28}>
                {attempt.succeeded ? <IconCircleCheck size={16} color="var(--mantine-color-green-6)" aria-label={t("outbound.attempts.succeeded")} /> : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );
  }
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing={6} fz="sm" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={190}>{t("outbound.attempts.time")}</Table.Th>
            <Table.Th>{t("outbound.attempts.phone")}</Table.Th>
            <Table.Th w={70} ta="right">
              {t("outbound.attempts.number")}
            </Table.Th>
            <Table.Th w={150}>{t("outbound.attempts.outcome")}</Table.Th>
            <Table.Th w={90} ta="right">
              {t("outbound.attempts.talk")}
            </Table.Th>
            <Table.Th w={80}>{t("outbound.attempts.dtmf")}</Table.Th>
            <Table.Th w={140}>{t("outbound.attempts.result")}</Table.Th>
            <Table.Th w={40}>
              <span className="vf-visually-hidden">{t("outbound.attempts.succeeded")}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {attempts.map((attempt) => (
              <Table.Tr key={attempt.id} data-testid="attempt-row" data-outcome={attempt.outcome ?? "live"}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(attempt.originated_at ?? attempt.ended_at, locale) || "—"}</Table.Td>
                <Table.Td className="vf-mono">{attempt.phone}</Table.Td>
                <Table.Td ta="right">{attempt.attempt_number}</Table.Td>
                <Table.Td>
                  <Tooltip label={attempt.error || attempt.dialstatus || ""} disabled={!attempt.error && !attempt.dialstatus}>
                    <span>
                      <OutcomeBadge outcome={attempt.outcome} />
                    </span>
                  </Tooltip>
                </Table.Td>
                <Table.Td ta="right">{attempt.answered_at ? clock(attempt.talk_seconds) : "—"}</Table.Td>
                <Table.Td className="vf-mono">{attempt.dtmf || "—"}</Table.Td>
                <Table.Td>
                  <Text size="sm" className="vf-mono" truncate maw={140}>
                    {attempt.flow_result || "—"}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {attempt.succeeded ? (
                    <Tooltip label={t("outbound.attempts.succeeded")}>
                      <IconCircleCheck size={18} color="var(--mantine-color-green-6)" aria-label={t("outbound.attempts.succeeded")} />
                    </Tooltip>
                  ) : null}
                </Table.Td>
              </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
