import { Alert, Button, Center, Loader } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { errorText } from "./feedback";

/** Loading and error states of a query, the same on every screen. */
export function QueryState({ isLoading, error, retry, height = 200 }: {
  isLoading: boolean;
  error: unknown;
  retry: () => void;
  height?: number;
}) {
  const { t } = useTranslation();
  if (isLoading) {
    return (
      <Center h={height} data-testid="loading">
        <Loader size="sm" />
      </Center>
    );
  }
  if (error) {
    return (
      <Alert color="red" icon={<IconAlertTriangle />} title={t("errors.loadFailed")} m="md">
        {errorText(error, t)}
        <div>
          <Button size="xs" variant="light" color="red" mt="sm" onClick={retry}>
            {t("common.retry")}
          </Button>
        </div>
      </Alert>
    );
  }
  return null;
}
