// Files to and from the API where request() does not fit: an upload with a progress bar (a contact file
// may be 100 MB) and downloads of exports and reports. Both send what request() sends — the CSRF token on
// writes and, for a provider admin viewing an organisation, its id in X-Voxflow-Tenant (a plain link
// could not carry that header).
import { networkError, problemFromResponse, type ApiError } from "../api/problem";

export interface Acting {
  csrf: string | null;
  /** The organisation a provider admin acts on; null for everyone else. */
  tenant: string | null;
}

export function actingOf(session: { me: { csrf_token: string | null }; isProvider: boolean; tenantId: string | null }): Acting {
  return { csrf: session.me.csrf_token, tenant: session.isProvider ? session.tenantId : null };
}

function csrfToken(acting: Acting): string | null {
  if (acting.csrf) return acting.csrf;
  if (typeof document === "undefined") return null;
  const match = document.cookie.match(/(?:^|;\s*)voxflow_csrf=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

function headers(acting: Acting, write: boolean): Record<string, string> {
  const out: Record<string, string> = { Accept: "application/json" };
  const token = write ? csrfToken(acting) : null;
  if (token) out["X-CSRF-Token"] = token;
  if (acting.tenant) out["X-Voxflow-Tenant"] = acting.tenant;
  return out;
}

/** The file name a Content-Disposition header gives (RFC 6266: filename* first), else the fallback. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = disposition.match(/filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i);
  if (extended) {
    try {
      return decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ""));
    } catch {
      // malformed escapes: try the plain parameter
    }
  }
  const plain = disposition.match(/filename\s*=\s*("([^"]*)"|[^;]+)/i);
  const name = plain ? (plain[2] ?? plain[1]).trim() : "";
  return name || fallback;
}

/** Fetches a file the API makes (an export, an error report) and hands it to the browser to save. */
export async function downloadFile(url: string, acting: Acting, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { headers: headers(acting, false), credentials: "same-origin" });
  } catch (error) {
    throw networkError(error);
  }
  if (!response.ok) throw await problemFromResponse(response);
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const anchor = document.createElement("a");
  anchor.href = href;
  anchor.download = fileNameFrom(response.headers.get("content-disposition"), fallbackName);
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(href), 2000);
}

export interface Upload<T> {
  done: Promise<T>;
  abort: () => void;
}

/** POSTs a file as multipart `file` (plus any other fields), telling how much was sent (0..1). */
export function uploadFile<T>(url: string, file: File, acting: Acting, onProgress: (sent: number) => void,
  fields: Record<string, string> = {}): Upload<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open("POST", url);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(headers(acting, true))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const type = xhr.getResponseHeader("content-type") ?? "";
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((type.includes("json") ? JSON.parse(xhr.responseText) : xhr.responseText) as T);
        } catch (error) {
          reject(networkError(error));
        }
        return;
      }
      const response = new Response(xhr.responseText, {
        status: xhr.status,
        statusText: xhr.statusText,
        headers: { "content-type": type || "text/plain" },
      });
      void problemFromResponse(response).then((error: ApiError) => reject(error));
    };
    xhr.onerror = () => reject(networkError(new Error(xhr.statusText || "upload failed")));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
    const form = new FormData();
    form.set("file", file);
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
