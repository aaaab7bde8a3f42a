import { ActionIcon, Code, Group, Tooltip } from "@mantine/core";
import { CopyButton } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

/** A value to copy (a key, a password, a command), with its copy button. */
export function CopyCode({ value, block = false, testId }: { value: string; block?: boolean; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" align={block ? "flex-start" : "center"}>
      <Code block={block} className="vf-copy-code" data-testid={testId}>
        {value}
      </Code>
      <CopyButton value={value} timeout={1500}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t("common.copied") : t("common.copy")} withArrow>
            <ActionIcon variant="light" color={copied ? "teal" : "gray"} onClick={copy} aria-label={t("common.copy")} data-testid={testId ? `${testId}-copy` : undefined}>
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
