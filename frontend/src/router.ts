// A small history router: the few screens of the app and links between them.
import { useSyncExternalStore } from "react";

export type Route =
  | { name: "flows" }
  | { name: "editor"; flowId: string }
  | { name: "numbers" }
  | { name: "audio" }
  | { name: "notFound" };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/" || path === "/flows") return { name: "flows" };
  const editor = path.match(/^\/flows\/([^/]+)$/);
  if (editor) return { name: "editor", flowId: decodeURIComponent(editor[1]) };
  if (path === "/numbers") return { name: "numbers" };
  if (path === "/audio") return { name: "audio" };
  return { name: "notFound" };
}

export const paths = {
  flows: () => "/flows",
  editor: (flowId: string) => `/flows/${encodeURIComponent(flowId)}`,
  numbers: () => "/numbers",
  audio: () => "/audio",
};

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
window.addEventListener("popstate", notify);

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  notify();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => window.location.pathname);
  return parseRoute(pathname);
}
