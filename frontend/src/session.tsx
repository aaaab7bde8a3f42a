// The signed-in session: who, in which organisation, in which language.
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { setActingTenant, setCsrfToken } from "./api/client";
import { authApi } from "./api/endpoints";
import { keys } from "./api/queries";
import type { Locale, Me } from "./api/types";
import { applyLocale, currentLocale } from "./i18n";

const ACTING_TENANT_KEY = "voxflow.actingTenant";

export interface Session {
  me: Me;
  /** The organisation every tenant request is about: the user's own, or the one a provider admin picked. */
  tenantId: string | null;
  locale: Locale;
  setLocale(locale: Locale): void;
  chooseTenant(tenantId: string | null): void;
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

  const setLocale = useCallback(
    (next: Locale) => {
      setLocaleState(next);
      authApi.setLocale(next).then((updated) => client.setQueryData(keys.me, { ...updated, csrf_token: me.csrf_token }), () => undefined);
    },
    [client, me.csrf_token],
  );

  const chooseTenant = useCallback(
    (tenantId: string | null) => {
      if (tenantId) sessionStorage.setItem(ACTING_TENANT_KEY, tenantId);
      else sessionStorage.removeItem(ACTING_TENANT_KEY);
      setActingTenant(tenantId);
      setActing(tenantId);
    },
    [],
  );

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

  const value = useMemo<Session>(
    () => ({
      me,
      tenantId: isProvider ? acting : (me.tenant?.id ?? null),
      locale,
      setLocale,
      chooseTenant,
      logout,
      can: (permission) => me.permissions.includes(permission),
    }),
    [me, isProvider, acting, locale, setLocale, chooseTenant, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
