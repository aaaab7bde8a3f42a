// "Insert variable" for template and expression fields: call.*, flow.* (set by blocks of this
// flow), contact.* (fields of the contact list the flow uses) and tenant.*.
import { ActionIcon, Menu, ScrollArea, Text, Tooltip } from "@mantine/core";
import { IconBraces } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CALL_VARIABLES, TENANT_VARIABLES, type GraphVariables } from "../../catalog/variables";
import { pick } from "../../i18n";
import { useFormEnv } from "./FormContext";

export function VariableMenu({ template, onInsert }: { template: boolean; onInsert: (snippet: string) => void }) {
  const { t } = useTranslation();
  const env = useFormEnv();
  const [graph, setGraph] = useState<GraphVariables>({ flow: [], contact: [] });
  const insert = (name: string) => onInsert(template ? `{{${name}}}` : name);

  const item = (name: string, hint?: string) => (
    <Menu.Item key={name} onClick={() => insert(name)} data-testid={`variable-${name}`}>
      <Text size="sm" ff="monospace">
        {name}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Menu.Item>
  );

  return (
    <Menu position="bottom-end" width={300} onOpen={() => setGraph(env.graphVariables())} withinPortal>
      <Menu.Target>
        <Tooltip label={t("inspector.insertVariable")} openDelay={300}>
          <ActionIcon variant="subtle" size="sm" aria-label={t("inspector.insertVariable")} data-testid="insert-variable">
            <IconBraces size={16} />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <ScrollArea.Autosize mah={340} type="auto">
          <Menu.Label>{t("variables.call")}</Menu.Label>
          {Object.entries(CALL_VARIABLES).map(([name, hint]) => item(`call.${name}`, pick(hint, env.locale)))}
          <Menu.Label>{t("variables.flow")}</Menu.Label>
          {graph.flow.length ? graph.flow.map((name) => item(`flow.${name}`)) : <Menu.Item disabled>{t("variables.noFlow")}</Menu.Item>}
          <Menu.Label>{t("variables.contact")}</Menu.Label>
          {graph.contact.map((name) => item(`contact.${name}`))}
          <Menu.Item onClick={() => onInsert(template ? "{{contact.}}" : "contact.")}>
            <Text size="sm">{t("variables.otherContact")}</Text>
          </Menu.Item>
          <Menu.Label>{t("variables.tenant")}</Menu.Label>
          {Object.entries(TENANT_VARIABLES).map(([name, hint]) => item(`tenant.${name}`, pick(hint, env.locale)))}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}
