// The signed-in session: who, in which organisation, in which language.
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { setActingTenant, setCsrfToken } from "./api/client";
import { authApi, providerApi } from "./api/endpoints";
import { keys } from "./api/queries";
import type { Locale, Me } from "./api/types";
import { applyLocale, currentLocale } from "./i18n";
import type { Viewer } from "./navigation";

const ACTING_TENANT_KEY = "voxflow.actingTenant";

export interface Session {
  me: Me;
  /** The organisation every tenant request is about: the user's own, or the one a provider admin picked. */
  tenantId: string | null;
  /** A provider admin (who has no organisation of their own). */
  isProvider: boolean;
  /** What navigation and screen access are decided on. */
  viewer: Viewer;
  locale: Locale;
  setLocale(locale: Locale): void;
  /** A provider admin opens an organisation's view (audited by the API). */
  viewAs(tenantId: string): Promise<void>;
  exitViewAs(): void;
  /** After the caller changed their own profile. */
  updateMe(me: Me): void;
  logout(): Promise<void>;
  can(permission: string): boolean;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const client = useQueryClient();
  const isProvider = me.role === "provider_admin" && !me.tenant;
  const [acting, setActing] = useState<string | null>(() => (isProvider ? sessionStorage.getItem(ACTING_TENANT_KEY) : null));
  const [locale, setLocaleState] = useState<Locale>(() => me.locale ?? me.tenant?.locale ?? currentLocale());

  if (me.csrf_token) setCsrfToken(me.csrf_token);
  setActingTenant(isProvider ? acting : null);

  useEffect(() => {
    applyLocale(locale);
  }, [locale]);

  const updateMe = useCallback(
    (updated: Me) => client.setQueryData(keys.me, { ...updated, csrf_token: me.csrf_token }),
    [client, me.csrf_token],
  );

  const setLocale = useCallback(
    (next: Locale) => {
      setLocaleState(next);
      authApi.setLocale(next).then(updateMe, () => undefined);
    },
    [updateMe],
  );

  const chooseTenant = useCallback((tenantId: string | null) => {
    if (tenantId) sessionStorage.setItem(ACTING_TENANT_KEY, tenantId);
    else sessionStorage.removeItem(ACTING_TENANT_KEY);
    setActingTenant(tenantId);
    setActing(tenantId);
  }, []);

  const viewAs = useCallback(
    async (tenantId: string) => {
      await providerApi.viewAs(tenantId);
      chooseTenant(tenantId);
    },
    [chooseTenant],
  );
  const exitViewAs = useCallback(() => chooseTenant(null), [chooseTenant]);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      sessionStorage.removeItem(ACTING_TENANT_KEY);
      setCsrfToken(null);
      setActingTenant(null);
      client.clear();
      client.setQueryData(keys.me, null);
    }
  }, [client]);

  const value = useMemo<Session>(() => {
    const tenantId = isProvider ? acting : (me.tenant?.id ?? null);
    return {
      me,
      tenantId,
      isProvider,
      viewer: { isProvider, tenantId, permissions: me.permissions },
      locale,
      setLocale,
      viewAs,
      exitViewAs,
      updateMe,
      logout,
      can: (permission) => me.permissions.includes(permission),
    };
  }, [me, isProvider, acting, locale, setLocale, viewAs, exitViewAs, updateMe, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
