import { Button } from "@mantine/core";
import { IconMapOff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../components/EmptyState";
import { Link } from "../components/Link";
import { paths } from "../router";

export function NotFoundScreen() {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={IconMapOff}
      title={t("notFound.title")}
      text={t("notFound.text")}
      action={
        <Button component={Link} href={paths.home()}>
          {t("notFound.back")}
        </Button>
      }
    />
  );
}
