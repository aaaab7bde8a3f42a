import { Spoiler } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { summaryLines } from "./summary";

/** What an audit entry changed: field: old → new, a created object's values, secrets by name only. */
export function AuditSummary({ summary }: { summary: Record<string, unknown> }) {
  const { t } = useTranslation();
  const lines = summaryLines(summary);
  if (!lines.length) return <span className="vf-muted">—</span>;
  return (
    <Spoiler maxHeight={56} showLabel={t("audit.more")} hideLabel={t("audit.less")} classNames={{ control: "vf-summary-toggle" }}>
      <ul className="vf-summary" data-testid="audit-summary">
        {lines.map((line, index) => (
          <li key={index}>
            <span className="vf-summary-field">{line.field}</span>
            {": "}
            {line.kind === "change" ? (
              <>
                <span className="vf-summary-old">{line.before}</span> → <span className="vf-summary-new">{line.after}</span>
              </>
            ) : line.kind === "secret" ? (
              <em>{t("audit.secretChanged")}</em>
            ) : (
              line.value
            )}
          </li>
        ))}
      </ul>
    </Spoiler>
  );
}
