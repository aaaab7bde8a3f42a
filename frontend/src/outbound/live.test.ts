import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startLiveFeed, type LiveMode, type SocketLike } from "./live";

interface Data {
  at: string;
  state: string;
  n: number;
}

class FakeSocket implements SocketLike {
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  closed = false;
  open() {
    this.onopen?.({});
  }
  push(data: Data | string) {
    this.onmessage?.({ data: typeof data === "string" ? data : JSON.stringify(data) });
  }
  fail() {
    this.onerror?.({});
    this.onclose?.({});
  }
  close() {
    this.closed = true;
  }
}

const at = (second: number) => `2030-01-01T00:00:${String(second).padStart(2, "0")}Z`;
const data = (second: number, state = "running"): Data => ({ at: at(second), state, n: second });

function setup(options: { socket?: boolean; pollAnswers?: (call: number) => Data | Error } = {}) {
  const sockets: FakeSocket[] = [];
  const received: Data[] = [];
  const modes: LiveMode[] = [];
  const errors: unknown[] = [];
  let polls = 0;
  const poll = vi.fn(async (signal: AbortSignal) => {
    polls += 1;
    const answer = options.pollAnswers?.(polls) ?? data(polls);
    if (signal.aborted) throw new DOMException("aborted", "AbortError");
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const feed = startLiveFeed<Data>({
    connect: options.socket === false ? null : () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    poll,
    onData: (value) => received.push(value),
    onMode: (mode) => modes.push(mode),
    onError: (error) => errors.push(error),
    stamp: (value) => value.at,
    isFinal: (value) => value.state === "completed",
    pollMs: 2000,
    staleMs: 5000,
    reconnectMs: 10_000,
    maxReconnectMs: 40_000,
  });
  return { feed, sockets, received, modes, errors, poll, socket: () => sockets[sockets.length - 1] };
}

/** Lets the promises of polls settle. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the live feed", () => {
  it("shows a first answer at once, then follows the socket's pushes without polling", async () => {
    const live = setup({ pollAnswers: () => data(1) });
    await settle();
    expect(live.received.map((d) => d.n)).toEqual([1]);
    live.socket().open();
    live.socket().push(data(2));
    live.socket().push(data(3));
    expect(live.received.map((d) => d.n)).toEqual([1, 2, 3]);
    expect(live.modes).toEqual(["connecting", "socket"]);
    await vi.advanceTimersByTimeAsync(4000);
    live.socket().push(data(4));
    await vi.advanceTimersByTimeAsync(4000);
    expect(live.poll).toHaveBeenCalledTimes(1);
    live.feed.stop();
  });

  it("drops data older than what it has shown, and messages that are not JSON", async () => {
    const live = setup({ pollAnswers: () => data(1) });
    live.socket().open();
    live.socket().push(data(5));
    live.socket().push("not json");
    live.socket().push(data(4));
    await settle(); // the first poll answers late, with older figures
    expect(live.received.map((d) => d.n)).toEqual([5]);
    live.feed.stop();
  });

  it("polls every two seconds when the socket fails, and tries the socket again later", async () => {
    const live = setup();
    await settle();
    live.socket().fail();
    expect(live.modes).toEqual(["connecting", "polling"]);
    expect(live.sockets[0].closed).toBe(true);
    await settle();
    const afterFailure = live.poll.mock.calls.length;
    await vi.advanceTimersByTimeAsync(6000);
    expect(live.poll.mock.calls.length - afterFailure).toBe(3);
    await vi.advanceTimersByTimeAsync(4000); // 10 s after the failure: a new socket
    expect(live.sockets).toHaveLength(2);
    live.socket().open();
    live.socket().push(data(59));
    expect(live.modes[live.modes.length - 1]).toBe("socket");
    const calls = live.poll.mock.calls.length;
    await vi.advanceTimersByTimeAsync(4000);
    expect(live.poll.mock.calls.length).toBe(calls); // polling stopped once pushes came back
    live.feed.stop();
  });

  it("waits longer each time the socket fails again, up to the limit", async () => {
    const live = setup();
    live.socket().fail();
    const reopenAfter: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      const before = live.sockets.length;
      let waited = 0;
      while (live.sockets.length === before) {
        await vi.advanceTimersByTimeAsync(1000);
        waited += 1000;
      }
      reopenAfter.push(waited);
      live.socket().fail();
    }
    expect(reopenAfter).toEqual([10_000, 20_000, 40_000, 40_000]);
    expect(live.modes).toEqual(["connecting", "polling"]);
    live.feed.stop();
  });

  it("treats a socket that never opens, or falls silent, as failed", async () => {
    const silent = setup();
    await vi.advanceTimersByTimeAsync(5000);
    expect(silent.modes).toEqual(["connecting", "polling"]);
    expect(silent.sockets[0].closed).toBe(true);
    silent.feed.stop();

    const quiet = setup();
    quiet.socket().open();
    quiet.socket().push(data(1));
    await vi.advanceTimersByTimeAsync(4900);
    expect(quiet.modes).toEqual(["connecting", "socket"]);
    await vi.advanceTimersByTimeAsync(200);
    expect(quiet.modes).toEqual(["connecting", "socket", "polling"]);
    quiet.feed.stop();
  });

  it("keeps polling through failed polls and reports them", async () => {
    const failure = new Error("down");
    const live = setup({ socket: false, pollAnswers: (call) => (call === 2 ? failure : data(call)) });
    await settle();
    await vi.advanceTimersByTimeAsync(4000);
    expect(live.modes).toEqual(["polling"]);
    expect(live.errors).toEqual([failure]);
    expect(live.received.map((d) => d.n)).toEqual([1, 3]);
    expect(live.sockets).toHaveLength(0);
    live.feed.stop();
  });

  it("stops by itself once the campaign has finished", async () => {
    const live = setup({ socket: false, pollAnswers: (call) => data(call, call >= 2 ? "completed" : "running") });
    await settle();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(live.poll).toHaveBeenCalledTimes(2);
    expect(live.modes).toEqual(["polling", "stopped"]);
  });

  it("does nothing after stop: no polls, the socket closed, late answers ignored", async () => {
    const live = setup();
    live.socket().open();
    live.feed.stop();
    expect(live.sockets[0].closed).toBe(true);
    live.sockets[0].push(data(9));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(live.received).toEqual([]);
    expect(live.poll).toHaveBeenCalledTimes(1);
    expect(live.modes).toEqual(["connecting", "stopped"]);
  });

  it("fetches once on refresh while pushes arrive", async () => {
    const live = setup({ pollAnswers: (call) => data(10 + call) });
    live.socket().open();
    live.socket().push(data(1));
    await settle();
    live.feed.refresh();
    await settle();
    expect(live.poll).toHaveBeenCalledTimes(2);
    expect(live.received.map((d) => d.n)).toEqual([1, 11, 12]);
    live.feed.stop();
  });
});
