// Calling windows (время оповещения): on which weekdays and between which times calls may start, in the
// contact's local time. No window: any time.
import { ActionIcon, Button, Chip, Group, Paper, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { IconPlus, IconX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useSession } from "../session";
import { DEFAULT_WINDOW, normaliseClock, weekdayNames, windowKey, type WindowValue } from "./campaign";
import { messageFor } from "./fields";

const PRESETS = [
  { key: "workdays", days: [1, 2, 3, 4, 5], start: "09:00", end: "21:00" },
  { key: "everyDay", days: [1, 2, 3, 4, 5, 6, 7], start: "09:00", end: "21:00" },
  { key: "weekend", days: [6, 7], start: "10:00", end: "20:00" },
] as const;

export function WindowsEditor({ windows, onChange, errors }: {
  windows: WindowValue[];
  onChange: (windows: WindowValue[]) => void;
  /** Messages keyed as the API names them: "windows.0.start". */
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const { locale } = useSession();
  const names = weekdayNames(locale);
  const update = (index: number, change: Partial<WindowValue>) => onChange(windows.map((window, i) => (i === index ? { ...window, ...change } : window)));
  const add = (window: { days: readonly number[]; start: string; end: string } = DEFAULT_WINDOW) =>
    onChange([...windows, { days: [...window.days], start: window.start, end: window.end, key: windowKey() }]);

  return (
    <Stack gap="xs" data-testid="windows-editor">
      <div>
        <Text size="sm" fw={500}>
          {t("outbound.windows.title")}
        </Text>
        <Text size="xs" c="dimmed">
          {windows.length ? t("outbound.windows.hint") : t("outbound.windows.none")}
        </Text>
      </div>
      {windows.map((window, index) => {
        const problem = (field: string) => messageFor(errors, `windows.${index}.${field}`);
        const rowProblem = errors[`windows.${index}`];
        const messages = [...new Set([problem("days"), problem("start"), problem("end"), rowProblem].filter((text): text is string => Boolean(text)))];
        return (
          <Paper key={window.key} withBorder p="xs" data-testid={`window-${index}`}>
            <Group gap="md" align="flex-start" wrap="nowrap">
              <Stack gap={4}>
                <Chip.Group multiple value={window.days.map(String)} onChange={(days) => update(index, { days: days.map(Number).sort((a, b) => a - b) })}>
                  <Group gap={4} wrap="nowrap">
                    {names.map((name, day) => (
                      <Chip key={day} value={String(day + 1)} size="xs" radius="sm" variant="filled" data-testid={`window-${index}-day-${day + 1}`}>
                        {name}
                      </Chip>
                    ))}
                  </Group>
                </Chip.Group>
              </Stack>
              <Group gap={6} align="flex-start" wrap="nowrap">
                <TextInput
                  size="xs"
                  w={80}
                  placeholder="09:00"
                  maxLength={5}
                  value={window.start}
                  onChange={(event) => update(index, { start: event.currentTarget.value })}
                  onBlur={(event) => update(index, { start: normaliseClock(event.currentTarget.value) })}
                  error={Boolean(problem("start"))}
                  aria-label={t("outbound.windows.start")}
                  data-testid={`window-${index}-start`}
                />
                <Text size="sm" mt={4}>
                  –
                </Text>
                <TextInput
                  size="xs"
                  w={80}
                  placeholder="21:00"
                  maxLength={5}
                  value={window.end}
                  onChange={(event) => update(index, { end: event.currentTarget.value })}
                  onBlur={(event) => update(index, { end: normaliseClock(event.currentTarget.value) })}
                  error={Boolean(problem("end"))}
                  aria-label={t("outbound.windows.end")}
                  data-testid={`window-${index}-end`}
                />
              </Group>
              <Tooltip label={t("outbound.windows.remove")}>
                <ActionIcon variant="subtle" color="gray" onClick={() => onChange(windows.filter((_, i) => i !== index))} aria-label={t("outbound.windows.remove")} data-testid={`window-${index}-remove`}>
                  <IconX size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
            {messages.length ? (
              <Text size="xs" c="red" mt={4} data-testid={`window-${index}-error`}>
                {messages.join(" · ")}
              </Text>
            ) : null}
          </Paper>
        );
      })}
      {errors.windows ? (
        <Text size="xs" c="red">
          {errors.windows}
        </Text>
      ) : null}
      <Group gap="xs">
        <Button variant="light" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => add()} disabled={windows.length >= 21} data-testid="window-add">
          {t("outbound.windows.add")}
        </Button>
        {PRESETS.map((preset) => (
          <Button key={preset.key} variant="subtle" size="compact-sm" onClick={() => add(preset)} disabled={windows.length >= 21}>
            {t(`outbound.windows.preset_${preset.key}`)}
          </Button>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        {t("outbound.windows.midnight")}
      </Text>
    </Stack>
  );
}
