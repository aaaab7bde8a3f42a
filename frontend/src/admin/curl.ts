// The "use this key" examples of the API keys screen, for this installation's address.

/** Where a contact file is uploaded: into a contact list, imported at once with the mapping sent along. */
export const CONTACT_UPLOAD_PATH = "/api/contact-lists/<list id>/imports";

/** Which column holds what, for the example file (header «ФИО;Телефон»). */
export const EXAMPLE_MAPPING = '{"name": "ФИО", "phones": ["Телефон"]}';

/** A shell word in single quotes, safe whatever it holds. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface CurlExample {
  key: "check" | "upload" | "progress";
  command: string;
}

/** Commands that use `apiKey` against the API at `origin` (e.g. https://voxflow.example.com). */
export function curlExamples(origin: string, apiKey: string): CurlExample[] {
  const base = origin.replace(/\/+$/, "");
  const auth = `-H ${shellQuote(`Authorization: Bearer ${apiKey}`)}`;
  return [
    { key: "check", command: `curl ${auth} ${shellQuote(`${base}/api/tenant`)}` },
    {
      key: "upload",
      command: [
        `curl ${auth} \\`,
        `     -F file=@contacts.csv \\`,
        `     -F ${shellQuote(`mapping=${EXAMPLE_MAPPING}`)} \\`,
        `     ${shellQuote(base + CONTACT_UPLOAD_PATH)}`,
      ].join("\n"),
    },
    { key: "progress", command: `curl ${auth} ${shellQuote(`${base}/api/contact-imports/<import id>`)}` },
  ];
}
