import { Button } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../components/EmptyState";
import { Link } from "../components/Link";
import { paths } from "../router";

/** A screen the caller's role may not use (opened by its address; navigation does not offer it). */
export function ForbiddenScreen() {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={IconLock}
      title={t("forbidden.title")}
      text={t("forbidden.text")}
      testId="forbidden"
      action={
        <Button component={Link} href={paths.home()}>
          {t("forbidden.back")}
        </Button>
      }
    />
  );
}
