// Variables offered for insertion into template and expression fields: call.* and tenant.*
// (the runtime's CALL_VARIABLES / TENANT_VARIABLES in flow_runtime/expressions.py), flow.*
// set by blocks of this graph (fields marked x-assigns), and contact.* fields the flow uses.
import type { Localized } from "../api/types";
import type { FormField } from "./form";
import type { CatalogIndex } from "./catalogIndex";
import type { Params } from "./types";

export const CALL_VARIABLES: Readonly<Record<string, Localized>> = {
  caller: { en: "Caller number (A-number)", ru: "Номер звонящего (номер А)" },
  caller_name: { en: "Caller name (Caller ID name)", ru: "Имя звонящего (Caller ID)" },
  dialed: { en: "Dialed number (B-number)", ru: "Набранный номер (номер Б)" },
  channel: { en: "Asterisk channel id", ru: "Идентификатор канала Asterisk" },
  direction: { en: "inbound or outbound", ru: "Направление: inbound (входящий) или outbound (исходящий)" },
  started_at: { en: "Call start time, ISO 8601", ru: "Время начала вызова, ISO 8601" },
  attempt: { en: "Campaign attempt number, from 1", ru: "Номер попытки вызова оповещения, с 1" },
  last_dtmf: { en: "Last key the caller pressed", ru: "Последняя нажатая абонентом клавиша" },
};

export const TENANT_VARIABLES: Readonly<Record<string, Localized>> = {
  id: { en: "Organisation id", ru: "Идентификатор организации" },
  name: { en: "Organisation name", ru: "Название организации" },
  timezone: { en: "Organisation time zone (IANA)", ru: "Часовой пояс организации (IANA)" },
};

function collectAssigned(field: FormField, value: unknown, out: Set<string>): void {
  if (value === undefined || value === null) return;
  switch (field.kind) {
    case "text":
      if (field.assigns && typeof value === "string" && value) out.add(value);
      return;
    case "object":
      for (const child of field.fields) collectAssigned(child, (value as Params)[child.name], out);
      return;
    case "union": {
      const variant = field.variants.find((v) => v.value === (value as Params)[field.discriminator]);
      if (variant) collectAssigned(variant.object, value, out);
      return;
    }
    case "list":
      if (Array.isArray(value)) value.forEach((item) => collectAssigned(field.item, item, out));
      return;
    default:
      return;
  }
}

export interface GraphVariables {
  flow: string[];
  contact: string[];
}

const CONTACT_REFERENCE = /\bcontact\.([A-Za-z_][A-Za-z0-9_]*)/g;

/** flow.* names set somewhere in the graph and contact.* fields mentioned anywhere in it. */
export function graphVariables(index: CatalogIndex, nodes: { type?: string; data: Params }[]): GraphVariables {
  const flow = new Set<string>();
  const contact = new Set<string>();
  for (const node of nodes) {
    const form = node.type ? index.forms.get(node.type) : undefined;
    if (form) collectAssigned(form, node.data, flow);
    for (const match of JSON.stringify(node.data).matchAll(CONTACT_REFERENCE)) contact.add(match[1]);
  }
  return { flow: [...flow].sort(), contact: [...contact].sort() };
}
