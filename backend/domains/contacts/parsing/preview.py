"""The first rows of a file, as the upload wizard shows them for mapping columns."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from backend.domains.contacts.parsing.source import Source
from backend.domains.contacts.parsing.table import FileLayout, column_names, open_table


@dataclass(frozen=True)
class Preview(FileLayout):
    header: list[str]  # unique column names; mappings may refer to columns by these
    rows: list[list[str]]  # the first non-empty data rows, each as wide as the header


def preview(source: Source, sheet: str | None = None, rows: int = 10, has_header: bool = True) -> Preview:
    with open_table(source, sheet) as table:
        header, data = table.split_header(has_header)
        sample = [cells for _, cells in islice(data, rows)]
    width = max([len(header), *map(len, sample)])
    # Data wider than the header gets its extra columns named, the same names a mapping error would use.
    header = column_names(header + [""] * (width - len(header)))
    return Preview(**vars(table.layout), header=header, rows=[cells + [""] * (width - len(cells)) for cells in sample])
