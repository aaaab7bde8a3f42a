import { Center, Loader } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect } from "react";
import { onUnauthorized } from "./api/client";
import { startEarly } from "./api/early";
import { catalogApi, flowsApi } from "./api/endpoints";
import { keys, useCatalog, useFlow, useMe } from "./api/queries";
import { AppHeader } from "./components/AppHeader";
import { QueryState } from "./components/QueryState";
import { parseRoute, useRoute } from "./router";
import { FlowsScreen } from "./screens/FlowsScreen";
import { LoginScreen } from "./screens/LoginScreen";
import { NotFoundScreen } from "./screens/NotFoundScreen";
import { NumbersScreen } from "./screens/NumbersScreen";
import { AudioScreen } from "./screens/AudioScreen";
import { ChooseTenantScreen } from "./screens/ChooseTenantScreen";
import { SessionProvider, useSession } from "./session";

// The editor (canvas, layout engine) loads only when a flow is opened; opening the app on a
// flow's address starts loading it at once, alongside the session check.
const loadEditor = () => import("./screens/EditorScreen");
const EditorScreen = lazy(loadEditor);
const opening = parseRoute(window.location.pathname);
if (opening.name === "editor") {
  void loadEditor();
  startEarly("catalog", catalogApi.nodeTypes);
  startEarly(`flow:${opening.flowId}`, () => flowsApi.get(opening.flowId));
}

const FullPage = () => (
  <Center h="100vh">
    <Loader />
  </Center>
);

export function App() {
  const client = useQueryClient();
  const me = useMe();
  useEffect(() => onUnauthorized(() => client.setQueryData(keys.me, null)), [client]);

  if (me.isLoading) return <FullPage />;
  if (me.error) return <QueryState isLoading={false} error={me.error} retry={() => void me.refetch()} />;
  if (!me.data) return <LoginScreen />;
  return (
    <SessionProvider me={me.data}>
      <div className="vf-app">
        <AppHeader />
        <main className="vf-main">
          <Screens />
        </main>
      </div>
    </SessionProvider>
  );
}

function Screens() {
  const route = useRoute();
  const { tenantId } = useSession();
  // Fetched here too so they load while the editor's code does.
  useCatalog();
  useFlow(tenantId, route.name === "editor" && tenantId ? route.flowId : null);
  if (!tenantId) return <ChooseTenantScreen />;
  switch (route.name) {
    case "flows":
      return <FlowsScreen />;
    case "editor":
      return (
        <Suspense fallback={<FullPage />}>
          <EditorScreen key={route.flowId} flowId={route.flowId} />
        </Suspense>
      );
    case "numbers":
      return <NumbersScreen />;
    case "audio":
      return <AudioScreen />;
    case "notFound":
      return <NotFoundScreen />;
  }
}
