import { TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";

/** A list's search box; the list follows the debounced, trimmed text. */
export function useSearch(): [string, (value: string) => void, string] {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  return [search, setSearch, debounced];
}

export function SearchInput({ value, onChange, label, testId }: { value: string; onChange: (value: string) => void; label: string; testId?: string }) {
  return (
    <TextInput
      leftSection={<IconSearch size={16} />}
      placeholder={label}
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      w={320}
      data-testid={testId}
    />
  );
}
