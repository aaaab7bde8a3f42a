import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** The next page of a cursor-paged list ({items, next_cursor}). */
export function LoadMore({ list }: { list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return (
    <Group justify="center" mt="md">
      <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} data-testid="load-more">
        {t("common.loadMore")}
      </Button>
    </Group>
  );
}
