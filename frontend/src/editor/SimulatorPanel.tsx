// Test calls into the draft on the sandbox PBX: choose the caller (and contact fields for a
// campaign), follow what is played, press keys, hang up; the canvas lights the active block
// and the path taken. Events come over a WebSocket, with polling every 500 ms as the fallback.
import { ActionIcon, Alert, Button, Group, Paper, ScrollArea, SimpleGrid, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import {
  IconAlertCircle,
  IconArrowRight,
  IconMicrophone,
  IconPhone,
  IconPhoneOff,
  IconPlayerPlay,
  IconPlus,
  IconVolume,
  IconX,
} from "@tabler/icons-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { simulatorApi } from "../api/endpoints";
import { isApiError } from "../api/problem";
import { useAudio } from "../api/queries";
import type { TranscriptEntry } from "../api/types";
import { graphVariables } from "../catalog/variables";
import { errorText, notifyError } from "../components/feedback";
import { currentLocale, pick } from "../i18n";
import { useSession } from "../session";
import { useEditor, useEditorStore } from "./context";
import { callEnded, mergeEntries, NODE_VARIABLE, simulationFrom } from "./simulation";
import { NO_SIMULATION } from "./store";
import { useFocusNode } from "./useFocusNode";
import { useEditorUi } from "./ui";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];
const POLL_MS = 500;
const DEFAULT_CALLER = "79160000000";

interface Row {
  key: string;
  value: string;
}

export function SimulatorPanel({ flowId, flush }: { flowId: string; flush: () => Promise<boolean> }) {
  const { t } = useTranslation();
  const store = useEditorStore();
  const campaign = useEditor((state) => state.nodes.some((node) => node.type === "start" && node.data.trigger === "campaign"));
  const [caller, setCaller] = useState(DEFAULT_CALLER);
  const [rows, setRows] = useState<Row[]>(() =>
    graphVariables(store.getState().catalog, store.getState().nodes).contact.map((key) => ({ key, value: "" })),
  );
  const [channel, setChannel] = useState<string | null>(null);
  const [entries, setEntries] = useState<TranscriptEntry[]>([]);
  const [live, setLive] = useState(false);
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const bottom = useRef<HTMLDivElement>(null);

  // Light the canvas from the transcript; clear it when the panel goes away.
  useEffect(() => {
    store.getState().setSimulation(simulationFrom(entries, live));
  }, [entries, live, store]);
  useEffect(() => () => store.getState().setSimulation(NO_SIMULATION), [store]);
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: "end" });
  }, [entries.length]);

  useEffect(() => {
    if (!channel) return;
    let closed = false;
    let poller: ReturnType<typeof setInterval> | undefined;
    const add = (incoming: TranscriptEntry[]) => {
      setEntries((current) => mergeEntries(current, incoming));
      if (callEnded(incoming)) setLive(false);
    };
    const poll = async () => {
      try {
        const call = await simulatorApi.get(channel);
        if (closed) return;
        add(call.transcript);
        setLive(call.live && !callEnded(call.transcript));
        if (!call.live) clearInterval(poller);
      } catch {
        // keep polling: a transient failure should not end the test
      }
    };
    const startPolling = () => {
      if (closed || poller) return;
      poller = setInterval(() => void poll(), POLL_MS);
    };
    let socket: WebSocket | null = null;
    try {
      socket = new WebSocket(simulatorApi.eventsUrl(channel));
      socket.onopen = () => void poll(); // what happened before the socket opened
      socket.onmessage = (message) => {
        try {
          add([JSON.parse(String(message.data)) as TranscriptEntry]);
        } catch {
          // not a transcript entry
        }
      };
      socket.onerror = startPolling;
      // The socket closes when the call ends (or the connection drops): polling finishes the job
      // and stops itself once the call is over.
      socket.onclose = startPolling;
    } catch {
      startPolling();
    }
    return () => {
      closed = true;
      clearInterval(poller);
      socket?.close();
    };
  }, [channel]);

  const start = async () => {
    setProblem(null);
    setStarting(true);
    try {
      if (!(await flush())) throw new Error(t("simulator.notSaved"));
      const variables = Object.fromEntries(rows.filter((row) => row.key.trim()).map((row) => [row.key.trim(), row.value]));
      const started = await simulatorApi.start(flowId, caller.trim() || DEFAULT_CALLER, campaign ? variables : {});
      setEntries([]);
      setLive(true);
      setChannel(started.channel_id);
    } catch (error) {
      setProblem(error);
      if (isApiError(error, "flow.invalid")) useEditorUi.getState().setTab("issues");
    } finally {
      setStarting(false);
    }
  };

  const press = useCallback(
    async (digit: string) => {
      if (!channel || !live) return;
      try {
        await simulatorApi.press(channel, digit);
      } catch (error) {
        notifyError(error, t);
      }
    },
    [channel, live, t],
  );

  const hangUp = async () => {
    if (!channel) return;
    try {
      await simulatorApi.hangUp(channel);
    } catch (error) {
      notifyError(error, t);
    }
  };

  return (
    <ScrollArea h="100%" type="auto">
      <Stack p="sm" gap="sm" data-testid="simulator">
        <Text size="sm" c="dimmed">
          {t("simulator.intro")}
        </Text>
        <TextInput
          label={t("simulator.caller")}
          value={caller}
          onChange={(event) => setCaller(event.currentTarget.value)}
          disabled={live}
          data-testid="sim-caller"
        />
        {campaign ? <ContactRows rows={rows} onChange={setRows} disabled={live} /> : null}
        {live ? (
          <Button color="red" fullWidth leftSection={<IconPhoneOff size={16} />} onClick={() => void hangUp()} data-testid="sim-hangup">
            {t("simulator.hangUp")}
          </Button>
        ) : (
          <Button color="teal" fullWidth leftSection={<IconPhone size={16} />} loading={starting} onClick={() => void start()} data-testid="sim-call">
            {t("simulator.call")}
          </Button>
        )}
        {problem ? (
          <Alert color="red" icon={<IconAlertCircle size={18} />} data-testid="sim-error">
            {errorText(problem, t)}
          </Alert>
        ) : null}
        <Keypad onPress={(digit) => void press(digit)} disabled={!live} />
        <Transcript entries={entries} live={live} />
        <div ref={bottom} />
      </Stack>
    </ScrollArea>
  );
}

function ContactRows({ rows, onChange, disabled }: { rows: Row[]; onChange: (rows: Row[]) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<Row>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Paper withBorder p="xs">
      <Text size="sm" fw={600}>
        {t("simulator.contact")}
      </Text>
      <Text size="xs" c="dimmed" mb={6}>
        {t("simulator.contactHint")}
      </Text>
      <Stack gap={4}>
        {rows.map((row, index) => (
          <Group key={index} gap={4} wrap="nowrap">
            <TextInput size="xs" placeholder={t("simulator.field")} value={row.key} onChange={(e) => set(index, { key: e.currentTarget.value })} disabled={disabled} aria-label={t("simulator.field")} style={{ flex: 1 }} data-testid="sim-var-key" />
            <TextInput size="xs" placeholder={t("simulator.value")} value={row.value} onChange={(e) => set(index, { value: e.currentTarget.value })} disabled={disabled} aria-label={t("simulator.value")} style={{ flex: 1 }} data-testid="sim-var-value" />
            <ActionIcon size="sm" variant="subtle" color="red" onClick={() => onChange(rows.filter((_, i) => i !== index))} disabled={disabled} aria-label={t("inspector.removeItem")}>
              <IconX size={14} />
            </ActionIcon>
          </Group>
        ))}
        <div>
          <Button size="compact-xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => onChange([...rows, { key: "", value: "" }])} disabled={disabled || rows.length >= 50}>
            {t("simulator.addField")}
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}

function Keypad({ onPress, disabled }: { onPress: (digit: string) => void; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <div
      role="group"
      aria-label={t("simulator.keypad")}
      onKeyDown={(event) => {
        if (KEYS.includes(event.key)) {
          event.preventDefault();
          onPress(event.key);
        }
      }}
    >
      <SimpleGrid cols={3} spacing={6} maw={200} mx="auto">
        {KEYS.map((digit) => (
          <Button key={digit} variant="default" size="sm" disabled={disabled} onClick={() => onPress(digit)} data-testid={`sim-key-${digit}`} className="vf-key">
            {digit}
          </Button>
        ))}
      </SimpleGrid>
    </div>
  );
}

function Transcript({ entries, live }: { entries: TranscriptEntry[]; live: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const store = useEditorStore();
  const focusNode = useFocusNode();
  const { tenantId } = useSession();
  const audio = useAudio(tenantId);

  const mediaName = (uri: string | undefined) => {
    if (!uri) return "";
    const asset = audio.items.find((item) => uri.includes(item.id));
    return asset ? asset.name : uri.replace(/^[a-z]+:/, "").split("/").pop() ?? uri;
  };
  const nodeName = (id: string) => {
    const node = store.getState().nodes.find((n) => n.id === id);
    const entry = node ? store.getState().catalog.byType.get(node.type ?? "") : undefined;
    const title = entry ? pick(entry.title, locale) : id;
    return typeof node?.data.label === "string" && node.data.label ? `${title} «${node.data.label}»` : title;
  };

  const lines = entries.flatMap((entry, index) => {
    const line = (icon: React.ReactNode, text: string, extra?: Partial<React.ComponentProps<typeof UnstyledButton>>) => (
      <UnstyledButton key={index} className="vf-transcript-line" data-event={entry.event} {...extra}>
        <span className="vf-transcript-icon">{icon}</span>
        <span>{text}</span>
      </UnstyledButton>
    );
    switch (entry.event) {
      case "CallPlaced":
        return [line(<IconPhone size={14} />, t("simulator.placed", { caller: String(entry.caller_number ?? "") }))];
      case "ChannelStateChange":
        return entry.state === "Up" ? [line(<IconPhone size={14} />, t("simulator.answered"))] : [];
      case "PlaybackStarted":
        return [line(entry.text ? <IconVolume size={14} /> : <IconPlayerPlay size={14} />, entry.text ? `«${entry.text}»` : t("simulator.playsFile", { name: mediaName(entry.media_uri) }))];
      case "ChannelDtmfReceived":
        return [line(<span className="vf-digit">{entry.digit}</span>, t("simulator.pressed", { digit: entry.digit }))];
      case "ChannelVarset":
        return entry.variable === NODE_VARIABLE && entry.value
          ? [line(<IconArrowRight size={14} />, nodeName(entry.value), { onClick: () => focusNode(String(entry.value)), "data-node": entry.value } as object)]
          : [];
      case "RecordingStarted":
        return [line(<IconMicrophone size={14} />, t("simulator.recording"))];
      case "RecordingFinished":
        return [line(<IconMicrophone size={14} />, t("simulator.recorded", { seconds: Number(entry.duration ?? 0) }))];
      case "Dial":
        return [line(<IconPhone size={14} />, t("simulator.dial", { status: String(entry.dialstatus ?? "") }))];
      case "ChannelHangupRequest":
        return [line(<IconPhoneOff size={14} />, entry.by === "caller" ? t("simulator.callerHungUp") : t("simulator.flowHungUp"))];
      case "ChannelDestroyed":
        return [line(<IconPhoneOff size={14} />, t("simulator.ended", { cause: String(entry.cause_txt ?? "") }))];
      default:
        return [];
    }
  });

  return (
    <Paper withBorder p="xs" className="vf-transcript" data-testid="sim-transcript" data-live={live}>
      <Text size="sm" fw={600} mb={4}>
        {t("simulator.transcript")}
      </Text>
      {lines.length ? lines : <Text size="xs" c="dimmed">{t("simulator.noCall")}</Text>}
    </Paper>
  );
}
