import { Table } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LoadMore } from "./LoadMore";
import { QueryState } from "./QueryState";

export interface Column {
  label: string;
  width?: number;
}

interface PagedList {
  isLoading: boolean;
  error: unknown;
  refetch: () => unknown;
  items: unknown[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** A cursor-paged list as a table: loading and errors, what shows when it is empty, the next page.
 * `children` are the rows; `rowActions` adds a last, unlabelled column for each row's buttons. */
export function PagedTable({ list, columns, empty, rowActions = false, testId, children }: {
  list: PagedList;
  columns: Column[];
  empty: ReactNode;
  rowActions?: boolean;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <QueryState isLoading={list.isLoading} error={list.error} retry={() => void list.refetch()} />
      {!list.isLoading && !list.error && list.items.length === 0 ? empty : null}
      {list.items.length > 0 ? (
        <Table verticalSpacing="sm" highlightOnHover data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.label} w={column.width}>
                  {column.label}
                </Table.Th>
              ))}
              {rowActions ? (
                <Table.Th w={56}>
                  <span className="vf-visually-hidden">{t("common.actions")}</span>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{children}</Table.Tbody>
        </Table>
      ) : null}
      <LoadMore list={list} />
    </>
  );
}
