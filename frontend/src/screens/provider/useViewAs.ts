import { useTranslation } from "react-i18next";
import { notifyError } from "../../components/feedback";
import { navigate, paths } from "../../router";
import { useSession } from "../../session";

/** Opens an organisation's view as the provider (the API audits it) and goes to its first screen. */
export function useViewAs() {
  const { t } = useTranslation();
  const { viewAs } = useSession();
  return async (tenantId: string) => {
    try {
      await viewAs(tenantId);
      navigate(paths.home());
    } catch (error) {
      notifyError(error, t);
    }
  };
}
