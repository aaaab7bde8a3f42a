// How the app tells people what happened: error texts from problem codes, toasts, confirmations.
import { Text } from "@mantine/core";
import { modals } from "@mantine/modals";
import { notifications } from "@mantine/notifications";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { isApiError } from "../api/problem";

/** A sentence for any error: a translated one for known problem codes, else the server's detail. */
export function errorText(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    const key = `errors.${error.code}`;
    const translated = t(key, { detail: error.problem.detail ?? "", defaultValue: "" });
    if (translated) return translated;
    return error.problem.detail || t("errors.generic");
  }
  return error instanceof Error ? error.message : t("errors.generic");
}

/** Per-field messages of a refused form, translated where the code is known. */
export function fieldErrorTexts(error: unknown, t: TFunction): Record<string, string> {
  const texts: Record<string, string> = {};
  if (!isApiError(error)) return texts;
  for (const problem of error.problem.errors ?? []) {
    texts[problem.field] = t(`errors.${problem.code}`, { defaultValue: problem.message, detail: problem.message });
  }
  return texts;
}

export function notifyError(error: unknown, t: TFunction, title?: string): void {
  notifications.show({ color: "red", title: title ?? t("errors.title"), message: errorText(error, t), autoClose: 7000 });
}

export function notifyDone(message: string): void {
  notifications.show({ color: "teal", message, autoClose: 3000 });
}

export function notifyRefused(message: string): void {
  notifications.show({ color: "orange", message, autoClose: 4000 });
}

/** Runs an action whose failure is told in a toast; true when it succeeded. */
export async function tryOrNotify(action: () => Promise<unknown>, t: TFunction): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (error) {
    notifyError(error, t);
    return false;
  }
}

export interface ConfirmOptions {
  title: string;
  message: ReactNode;
  confirm: string;
  cancel: string;
  danger?: boolean;
}

/** Resolves true when the person confirms; destructive actions always go through this. */
export function confirmAction(options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    modals.openConfirmModal({
      title: options.title,
      children: typeof options.message === "string" ? <Text size="sm">{options.message}</Text> : options.message,
      labels: { confirm: options.confirm, cancel: options.cancel },
      confirmProps: { color: options.danger ? "red" : undefined, "data-testid": "confirm-ok" } as Record<string, unknown>,
      cancelProps: { "data-testid": "confirm-cancel" } as Record<string, unknown>,
      onConfirm: () => resolve(true),
      onCancel: () => resolve(false),
      onClose: () => resolve(false),
    });
  });
}

/** Asks first, then runs the action (see tryOrNotify); false when declined or failed. */
export async function confirmThen(options: ConfirmOptions, action: () => Promise<unknown>, t: TFunction): Promise<boolean> {
  return (await confirmAction(options)) && tryOrNotify(action, t);
}
