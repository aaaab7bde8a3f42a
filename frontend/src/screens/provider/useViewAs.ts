import { useTranslation } from "react-i18next";
import { useInvalidateProvider } from "../../api/queries";
import { notifyError } from "../../components/feedback";
import { navigate, paths } from "../../router";
import { useSession } from "../../session";

/** Opens an organisation's view as the provider (the API audits it) and goes to its first screen. */
export function useViewAs() {
  const { t } = useTranslation();
  const { viewAs } = useSession();
  const invalidate = useInvalidateProvider();
  return async (tenantId: string) => {
    try {
      await viewAs(tenantId);
      void invalidate(); // the organisation's log has a new entry
      navigate(paths.home());
    } catch (error) {
      notifyError(error, t);
    }
  };
}
