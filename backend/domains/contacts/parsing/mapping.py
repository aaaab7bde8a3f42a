"""Which column of the file holds what: the mapping the upload wizard or an API client sends, and its
resolution against the file's header to column positions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, StrictInt, StringConstraints, field_validator

from backend.domains.contacts.parsing.issues import ContactFileError
from backend.domains.contacts.parsing.table import column_label
from backend.schemas import RequestModel

# A column by its header name (as the preview shows it) or by its 0-based position.
Column = Annotated[StrictInt, Field(ge=0, le=16383)] | Annotated[str, StringConstraints(min_length=1, max_length=200)]
VariableName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]

MAX_PHONE_COLUMNS = 10
MAX_VARIABLES = 100


class ColumnMapping(RequestModel):
    external_id: Column | None = None
    name: Column | None = None
    phones: list[Column] = Field(min_length=1, max_length=MAX_PHONE_COLUMNS)  # in the order they are dialled
    timezone: Column | None = None
    variables: dict[VariableName, Column] = Field(default_factory=dict, max_length=MAX_VARIABLES)
    has_header: bool = True

    @field_validator("phones")
    @classmethod
    def _phones_listed_once(cls, phones: list[int | str]) -> list[int | str]:
        if len(set(phones)) != len(phones):
            raise ValueError("a column is listed twice")
        return phones

    def resolve(self, header: list[str]) -> ResolvedColumns:
        """Positions for the columns named here; a name the header lacks raises ``mapping.unknown_column``
        naming the mapping field. Positions past the header are allowed: data rows may be wider."""
        positions = {name: position for position, name in enumerate(header)}
        # Ignoring case is the fallback; of names equal but for case, the leftmost wins.
        folded = {name.casefold(): position for position, name in reversed(list(enumerate(header)))}

        def position(field: str, column: int | str | None) -> int | None:
            if column is None or isinstance(column, int):
                return column
            found = positions.get(column, folded.get(column.casefold()))
            if found is None:
                raise ContactFileError("mapping.unknown_column", field=field, column=column)
            return found

        return ResolvedColumns(
            names=header,
            external_id=position("external_id", self.external_id),
            name=position("name", self.name),
            phones=[position(f"phones[{i}]", column) for i, column in enumerate(self.phones)],
            timezone=position("timezone", self.timezone),
            variables=[(variable, position(f"variables.{variable}", column))
                       for variable, column in self.variables.items()],
        )


@dataclass(frozen=True)
class ResolvedColumns:
    names: list[str]  # the header's column names
    external_id: int | None
    name: int | None
    phones: list[int]
    timezone: int | None
    variables: list[tuple[str, int]]

    def label(self, position: int) -> str:
        """The column's name for messages, also past the header's end."""
        return self.names[position] if position < len(self.names) else column_label(position)
