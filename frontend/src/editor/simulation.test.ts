import { describe, expect, it } from "vitest";
import { callEnded, mergeEntries, simulationFrom } from "./simulation";

const at = (n: number) => `2026-01-01T10:00:0${n}.000+0000`;
const node = (n: number, id: string) => ({ at: at(n), event: "ChannelVarset", variable: "VOXFLOW_NODE", value: id });

describe("following a test call", () => {
  it("merges socket and polled entries once each, in time order", () => {
    const socket = [node(2, "menu"), { at: at(3), event: "ChannelDtmfReceived", digit: "1" }];
    const polled = [{ at: at(1), event: "CallPlaced" }, node(2, "menu")];
    const merged = mergeEntries(socket, polled.map((entry) => ({ ...entry, channel_id: "c1" })));
    expect(merged.map((entry) => entry.event)).toEqual(["CallPlaced", "ChannelVarset", "ChannelDtmfReceived"]);
    expect(mergeEntries(merged, polled)).toBe(merged);
  });

  it("derives the active node and the path taken", () => {
    const entries = [node(1, "start"), node(2, "menu"), node(3, "menu"), node(4, "play")];
    expect(simulationFrom(entries, true)).toEqual({
      active: "play",
      path: ["start", "menu", "play"],
      visited: { start: true, menu: true, play: true },
    });
    expect(simulationFrom(entries, false).active).toBeNull();
    expect(callEnded(entries)).toBe(false);
    expect(callEnded([...entries, { at: at(5), event: "ChannelDestroyed" }])).toBe(true);
  });
});
