// Autosave of the draft: debounced PUT /flows/{id}/draft with the revision it was based on. A
// conflict (someone else saved meanwhile) stops saving and asks to reload: nothing is overwritten.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { StoreApi } from "zustand";
import { flowsApi } from "../api/endpoints";
import { isApiError } from "../api/problem";
import { keys } from "../api/queries";
import { toGraph } from "./graph";
import type { EditorState } from "./store";

export type SaveStatus = "saved" | "pending" | "saving" | "error" | "conflict";

export interface Conflict {
  savedBy: string | null;
  revision: number | null;
}

export interface Autosave {
  status: SaveStatus;
  conflict: Conflict | null;
  error: unknown;
  /** Saves what is pending now; resolves true when the draft on the server is the one on screen. */
  flush(): Promise<boolean>;
  /** Drops local changes and loads the draft from the server (after a conflict, a rollback…). */
  reload(): Promise<void>;
}

const DEBOUNCE_MS = 800;
const RETRY_MS = 5000;

export function useAutosave(store: StoreApi<EditorState>, flowId: string, tenantId: string | null, initialRevision: number): Autosave {
  const client = useQueryClient();
  const [status, setStatusState] = useState<SaveStatus>("saved");
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [error, setError] = useState<unknown>(null);
  const statusRef = useRef<SaveStatus>("saved");
  const revision = useRef(initialRevision);
  const savedVersion = useRef(store.getState().contentVersion);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const setStatus = useCallback((next: SaveStatus) => {
    statusRef.current = next;
    setStatusState(next);
  }, []);

  const save = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    while (inFlight.current) await inFlight.current;
    if (statusRef.current === "conflict") return;
    const version = store.getState().contentVersion;
    if (version === savedVersion.current) {
      setStatus("saved");
      return;
    }
    const { nodes, edges } = store.getState();
    setStatus("saving");
    const request = flowsApi.saveDraft(flowId, toGraph(nodes, edges), revision.current).then(
      (saved) => {
        revision.current = saved.revision;
        savedVersion.current = version;
        store.getState().setIssues(saved.issues, version);
        setError(null);
        if (store.getState().contentVersion === version) setStatus("saved");
        else {
          setStatus("pending");
          timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
        }
      },
      (failure: unknown) => {
        if (isApiError(failure, "flow.revision_conflict")) {
          setConflict({
            savedBy: (failure.problem.saved_by as string | undefined) ?? null,
            revision: (failure.problem.current_revision as number | undefined) ?? null,
          });
          setStatus("conflict");
          return;
        }
        setError(failure);
        setStatus("error");
        timer.current = setTimeout(() => void save(), RETRY_MS);
      },
    );
    inFlight.current = request.finally(() => {
      inFlight.current = null;
    });
    await inFlight.current;
  }, [flowId, setStatus, store]);

  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.contentVersion === previous.contentVersion || state.contentVersion === savedVersion.current) return;
        if (statusRef.current === "conflict") return;
        if (statusRef.current !== "saving") setStatus("pending");
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
      }),
    [save, setStatus, store],
  );

  // Leaving the editor saves what is pending; closing the tab with unsaved changes asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (statusRef.current === "pending" || statusRef.current === "saving") event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      if (statusRef.current === "pending") void save();
      clearTimeout(timer.current);
    };
  }, [save]);

  const flush = useCallback(async () => {
    await save();
    return statusRef.current === "saved";
  }, [save]);

  const reload = useCallback(async () => {
    clearTimeout(timer.current);
    while (inFlight.current) await inFlight.current;
    const flow = await flowsApi.get(flowId);
    client.setQueryData(keys.flow(tenantId, flowId), flow);
    revision.current = flow.revision;
    savedVersion.current = 0;
    store.getState().load(flow.draft);
    store.getState().setIssues(flow.issues);
    setConflict(null);
    setError(null);
    setStatus("saved");
  }, [client, flowId, setStatus, store, tenantId]);

  return { status, conflict, error, flush, reload };
}
