import { Center, Loader } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useState } from "react";
import { onUnauthorized } from "./api/client";
import { startEarly } from "./api/early";
import { catalogApi, flowsApi } from "./api/endpoints";
import type { ApiError } from "./api/problem";
import { keys, useCatalog, useFlow, useMe } from "./api/queries";
import { AppHeader } from "./components/AppHeader";
import { QueryState } from "./components/QueryState";
import { homePath, verdict } from "./navigation";
import { isOutboundRoute, OutboundScreen } from "./outbound/routes";
import { navigate, parseRoute, useRoute } from "./router";
import { ApiKeysScreen } from "./screens/admin/ApiKeysScreen";
import { AuditScreen } from "./screens/admin/AuditScreen";
import { SettingsScreen } from "./screens/admin/SettingsScreen";
import { UsersScreen } from "./screens/admin/UsersScreen";
import { AudioScreen } from "./screens/AudioScreen";
import { ChooseTenantScreen } from "./screens/ChooseTenantScreen";
import { FlowsScreen } from "./screens/FlowsScreen";
import { ForbiddenScreen } from "./screens/ForbiddenScreen";
import { LoginScreen } from "./screens/LoginScreen";
import { NotFoundScreen } from "./screens/NotFoundScreen";
import { NumbersScreen } from "./screens/NumbersScreen";
import { ChangePasswordScreen, ProfileScreen } from "./screens/ProfileScreen";
import { HealthScreen } from "./screens/provider/HealthScreen";
import { ProviderAuditScreen } from "./screens/provider/ProviderAuditScreen";
import { TenantScreen } from "./screens/provider/TenantScreen";
import { TenantsScreen } from "./screens/provider/TenantsScreen";
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
  // Why the session ended (signed out elsewhere, organisation suspended…), told on the sign-in screen.
  const [endedBy, setEndedBy] = useState<ApiError | null>(null);
  useEffect(
    () =>
      onUnauthorized((error) => {
        if (client.getQueryData(keys.me)) setEndedBy(error);
        client.setQueryData(keys.me, null);
      }),
    [client],
  );

  if (me.isLoading) return <FullPage />;
  if (me.error) return <QueryState isLoading={false} error={me.error} retry={() => void me.refetch()} />;
  if (!me.data) return <LoginScreen notice={endedBy} onSignedIn={() => setEndedBy(null)} />;
  return (
    <SessionProvider me={me.data}>
      {me.data.must_change_password ? (
        <ChangePasswordScreen />
      ) : (
        <div className="vf-app">
          <AppHeader />
          <main className="vf-main">
            <Screens />
          </main>
        </div>
      )}
    </SessionProvider>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Screens() {
  const route = useRoute();
  const { tenantId, viewer } = useSession();
  // Fetched here too so they load while the editor's code does.
  useCatalog();
  useFlow(tenantId, route.name === "editor" && tenantId ? route.flowId : null);
  if (route.name === "home") return <Redirect to={homePath(viewer)} />;
  const access = verdict(route.name, viewer);
  if (access === "chooseTenant") return <ChooseTenantScreen />;
  if (access === "forbidden") return <ForbiddenScreen />;
  if (isOutboundRoute(route)) return <OutboundScreen route={route} />;
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
    case "users":
      return <UsersScreen />;
    case "apiKeys":
      return <ApiKeysScreen />;
    case "audit":
      return <AuditScreen />;
    case "settings":
      return <SettingsScreen />;
    case "profile":
      return <ProfileScreen />;
    case "providerTenants":
      return <TenantsScreen />;
    case "providerTenant":
      return <TenantScreen key={route.tenantId} tenantId={route.tenantId} />;
    case "providerAudit":
      return <ProviderAuditScreen />;
    case "providerHealth":
      return <HealthScreen />;
    case "notFound":
      return <NotFoundScreen />;
  }
}
