// A campaign's live progress: pushed over a WebSocket (/api/campaigns/{id}/live, about once a second),
// else polled (/progress every 2 s) — when the socket cannot open, errs, closes, or falls silent. While
// polling, the socket is tried again now and then (less often each time). startLiveFeed is the plain
// machinery (live.test.ts drives it with a fake socket); useCampaignLive is the screen's hook.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { campaignsApi } from "./api";
import { outboundKeys } from "./queries";
import type { Campaign, CampaignProgress } from "./types";

export type LiveMode = "connecting" | "socket" | "polling" | "stopped";

/** What the feed needs of a WebSocket. */
export interface SocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  close(): void;
}

export interface LiveFeedOptions<T> {
  /** Opens the push channel; null to poll only. */
  connect: (() => SocketLike) | null;
  poll: (signal: AbortSignal) => Promise<T>;
  onData: (data: T) => void;
  onMode?: (mode: LiveMode) => void;
  /** A poll failed (the feed keeps polling). */
  onError?: (error: unknown) => void;
  /** A socket message as data, or null to ignore it; JSON text by default. */
  parse?: (raw: unknown) => T | null;
  /** Orders data: older than the last delivered is dropped (a slow poll answering after a push). */
  stamp?: (data: T) => string;
  /** Data after which nothing changes any more: the feed stops. */
  isFinal?: (data: T) => boolean;
  pollMs?: number;
  /** Silence on an open socket for this long counts as a failure. */
  staleMs?: number;
  /** First wait before trying the socket again while polling; doubles up to maxReconnectMs. */
  reconnectMs?: number;
  maxReconnectMs?: number;
}

export interface LiveFeed {
  stop(): void;
  /** Fetches once now (after an action on the campaign), whatever the mode. */
  refresh(): void;
}

function parseJson<T>(raw: unknown): T | null {
  if (typeof raw !== "string") return null;
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" ? (value as T) : null;
  } catch {
    return null;
  }
}

export function startLiveFeed<T>(options: LiveFeedOptions<T>): LiveFeed {
  const {
    connect, poll, onData, onMode, onError, stamp, isFinal,
    parse = parseJson<T>, pollMs = 2000, staleMs = 10_000, reconnectMs = 15_000, maxReconnectMs = 120_000,
  } = options;
  let stopped = false;
  let mode: LiveMode | null = null;
  let last: string | null = null;
  let socket: SocketLike | null = null;
  let staleTimer: ReturnType<typeof setTimeout> | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let reconnectDelay = reconnectMs;
  let pollTimer: ReturnType<typeof setTimeout> | null = null;
  let pollRound = 0; // a new round each time polling starts: a stale round's timers do nothing
  let polling = false;
  const requests = new Set<AbortController>();

  const setMode = (next: LiveMode) => {
    if (next === mode) return;
    mode = next;
    onMode?.(next);
  };

  const clear = (timer: ReturnType<typeof setTimeout> | null) => {
    if (timer !== null) clearTimeout(timer);
    return null;
  };

  const deliver = (data: T) => {
    if (stopped) return;
    if (stamp) {
      const at = stamp(data);
      if (last !== null && at < last) return;
      last = at;
    }
    onData(data);
    if (isFinal?.(data)) {
      stop();
      setMode("stopped");
    }
  };

  const fetchOnce = (after?: () => void) => {
    const controller = new AbortController();
    requests.add(controller);
    poll(controller.signal)
      .then(deliver, (error: unknown) => {
        if (!controller.signal.aborted && !stopped) onError?.(error);
      })
      .finally(() => {
        requests.delete(controller);
        after?.();
      });
  };

  const startPolling = () => {
    if (polling || stopped) return;
    polling = true;
    const round = ++pollRound;
    setMode("polling");
    const tick = () => {
      pollTimer = null;
      if (stopped || round !== pollRound) return;
      fetchOnce(() => {
        if (!stopped && round === pollRound) pollTimer = setTimeout(tick, pollMs);
      });
    };
    tick();
  };

  const stopPolling = () => {
    polling = false;
    pollRound += 1;
    pollTimer = clear(pollTimer);
  };

  const dropSocket = () => {
    staleTimer = clear(staleTimer);
    const current = socket;
    socket = null;
    if (!current) return;
    current.onopen = current.onmessage = current.onerror = current.onclose = null;
    try {
      current.close();
    } catch {
      // already closed
    }
  };

  const scheduleReconnect = () => {
    if (!connect || reconnectTimer !== null || stopped) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      reconnectDelay = Math.min(reconnectDelay * 2, maxReconnectMs);
      openSocket();
    }, reconnectDelay);
  };

  const fallBack = () => {
    dropSocket();
    if (stopped) return;
    startPolling();
    scheduleReconnect();
  };

  const armStale = () => {
    staleTimer = clear(staleTimer);
    staleTimer = setTimeout(fallBack, staleMs);
  };

  function openSocket() {
    if (stopped) return;
    if (!connect) {
      startPolling();
      return;
    }
    let opened: SocketLike;
    try {
      opened = connect();
    } catch {
      fallBack();
      return;
    }
    socket = opened;
    opened.onopen = () => armStale();
    opened.onmessage = (event) => {
      if (socket !== opened || stopped) return;
      const data = parse(event.data);
      if (data === null) return;
      stopPolling();
      reconnectDelay = reconnectMs;
      setMode("socket");
      armStale();
      deliver(data);
    };
    opened.onerror = () => {
      if (socket === opened) fallBack();
    };
    opened.onclose = () => {
      if (socket === opened) fallBack();
    };
    armStale(); // one that never opens counts as failed too
  }

  function stop() {
    stopped = true;
    stopPolling();
    dropSocket();
    reconnectTimer = clear(reconnectTimer);
    requests.forEach((controller) => controller.abort());
    requests.clear();
  }

  setMode(connect ? "connecting" : "polling");
  if (connect) {
    fetchOnce(); // the first figures at once, while the socket opens
    openSocket();
  } else {
    startPolling();
  }

  return {
    stop: () => {
      if (stopped) return;
      stop();
      setMode("stopped");
    },
    refresh: () => {
      if (!stopped) fetchOnce();
    },
  };
}

/** A browser WebSocket behind the SocketLike the feed drives. */
export function browserSocket(url: string): SocketLike {
  const socket = new WebSocket(url);
  const like: SocketLike = { onopen: null, onmessage: null, onerror: null, onclose: null, close: () => socket.close() };
  socket.onopen = (event) => like.onopen?.(event);
  socket.onmessage = (event) => like.onmessage?.(event);
  socket.onerror = (event) => like.onerror?.(event);
  socket.onclose = (event) => like.onclose?.(event);
  return like;
}

const FINAL = new Set(["completed", "cancelled"]);

export interface CampaignLive {
  data: CampaignProgress | null;
  mode: LiveMode;
  error: unknown;
  refresh: () => void;
}

/** The campaign's progress, live; it also keeps the campaign's state and counts in the query cache current.
 * `socket` false polls only (a provider admin's socket cannot name the organisation it views); nothing
 * runs while not `enabled` (a draft has no progress). */
export function useCampaignLive(tenantId: string | null, campaignId: string, options: { socket: boolean; enabled: boolean }): CampaignLive {
  const client = useQueryClient();
  const [data, setData] = useState<CampaignProgress | null>(null);
  const [mode, setMode] = useState<LiveMode>("connecting");
  const [error, setError] = useState<unknown>(null);
  const [feed, setFeed] = useState<LiveFeed | null>(null);

  useEffect(() => {
    setData(null);
    setError(null);
    if (!options.enabled) {
      setMode("stopped");
      setFeed(null);
      return;
    }
    const started = startLiveFeed<CampaignProgress>({
      connect: options.socket && typeof WebSocket !== "undefined" ? () => browserSocket(campaignsApi.liveUrl(campaignId)) : null,
      poll: (signal) => campaignsApi.progress(campaignId, signal),
      stamp: (progress) => progress.at,
      isFinal: (progress) => FINAL.has(progress.state),
      onMode: setMode,
      onError: setError,
      onData: (progress) => {
        setData(progress);
        setError(null);
        const key = outboundKeys.campaign(tenantId, campaignId);
        const cached = client.getQueryData<Campaign>(key);
        if (!cached) return;
        if (cached.state !== progress.state) void client.invalidateQueries({ queryKey: key });
        else if (cached.total !== progress.total || JSON.stringify(cached.counts) !== JSON.stringify(progress.counts)) {
          client.setQueryData<Campaign>(key, { ...cached, counts: progress.counts, total: progress.total });
        }
      },
    });
    setFeed(started);
    return () => started.stop();
  }, [client, tenantId, campaignId, options.socket, options.enabled]);

  return { data, mode, error, refresh: () => feed?.refresh() };
}
