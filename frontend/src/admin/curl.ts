// The "use this key" examples of the API keys screen, for this installation's address.

/** Where a contact list is uploaded (the contacts API; the campaign is named in the path). */
export const CONTACT_UPLOAD_PATH = "/api/campaigns/<campaign id>/contacts";

/** A shell word in single quotes, safe whatever it holds. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface CurlExample {
  key: "check" | "upload";
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
      command: [`curl ${auth} \\`, `     -F file=@contacts.csv \\`, `     ${shellQuote(base + CONTACT_UPLOAD_PATH)}`].join("\n"),
    },
  ];
}
