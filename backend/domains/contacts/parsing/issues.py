"""Everything that can go wrong with a contact file, in English and Russian, under stable codes.

A problem with the whole file stops reading and is raised as ``ContactFileError``; a problem with one row
travels with that row as a ``RowIssue``. API clients and the error report rely on the codes, and
docs/contact-files.md lists them (a test keeps that list complete).
"""

from __future__ import annotations

from dataclasses import dataclass

# code -> (English, Russian). Placeholders are filled by ``localise``; a parameter given as an (en, ru)
# pair is itself translated.
MESSAGES: dict[str, tuple[str, str]] = {
    "file.empty": (
        "The file has no data",
        "В файле нет данных",
    ),
    "file.not_text": (
        "This is neither a text (CSV) file nor an Excel (.xlsx) workbook",
        "Это не текстовый файл (CSV) и не книга Excel (.xlsx)",
    ),
    "file.unsupported": (
        "Unsupported format (old Excel .xls, a password-protected workbook, or a web page or XML saved as "
        "Excel): save it as .xlsx without a password, or as CSV",
        "Формат не поддерживается (старый Excel .xls, книга с паролем или веб-страница либо XML, сохранённые "
        "как Excel): сохраните файл как .xlsx без пароля или как CSV",
    ),
    "file.corrupt": (
        "The Excel workbook is damaged or was not uploaded completely",
        "Книга Excel повреждена или загружена не полностью",
    ),
    "file.encoding": (
        "Row {row}: the text cannot be read as {encoding}; save the file as «CSV UTF-8»",
        "Строка {row}: текст не читается в кодировке {encoding}; сохраните файл как «CSV UTF-8»",
    ),
    "file.bad_csv": (
        "Row {row}: the CSV structure is broken (is a quote left unclosed?)",
        "Строка {row}: нарушена структура CSV (не закрыта кавычка?)",
    ),
    "file.sheet_not_found": (
        "The workbook has no sheet «{sheet}»; its sheets: {sheets}",
        "В книге нет листа «{sheet}»; есть листы: {sheets}",
    ),
    "mapping.unknown_column": (
        "{field}: the file has no column «{column}»",
        "{field}: в файле нет столбца «{column}»",
    ),
    "phone.invalid": (
        "«{value}» is not a valid phone number",
        "«{value}» — неправильный номер телефона",
    ),
    "phone.not_possible": (
        "«{value}» cannot be a phone number: {reason}",
        "«{value}» не может быть номером телефона: {reason}",
    ),
    "phone.exponent_form": (
        "«{value}» has lost its digits (Excel wrote it in exponent form): format the column as Text and export again",
        "«{value}»: цифры номера потеряны (Excel записал его в экспоненциальной форме) — задайте столбцу "
        "формат «Текстовый» и выгрузите файл заново",
    ),
    "phone.missing": (
        "No valid phone number",
        "Нет ни одного правильного номера телефона",
    ),
    "timezone.invalid": (
        "«{value}» is not a known time zone such as Europe/Moscow; the time zone of the number or of the "
        "campaign applies",
        "«{value}» — неизвестный часовой пояс (нужен, например, Europe/Moscow); действует пояс номера или "
        "задания на обзвон",
    ),
    "row.duplicate_skipped": (
        "Same {key} as row {first_row}: row skipped",
        "Тот же {key}, что в строке {first_row}: строка пропущена",
    ),
    "row.duplicate_updated": (
        "Same {key} as row {first_row}: this row updates that contact",
        "Тот же {key}, что в строке {first_row}: эта строка обновляет абонента",
    ),
    "row.in_list_skipped": (
        "The list already has a contact with this {key}: row skipped",
        "В списке уже есть абонент с таким значением ({key}): строка пропущена",
    ),
}

Param = str | int | tuple[str, str]


def localise(code: str, params: dict[str, Param]) -> tuple[str, str]:
    """The (English, Russian) message of ``code`` with its placeholders filled."""
    english, russian = MESSAGES[code]
    return (english.format(**{k: v[0] if isinstance(v, tuple) else v for k, v in params.items()}),
            russian.format(**{k: v[1] if isinstance(v, tuple) else v for k, v in params.items()}))


class ContactFileError(Exception):
    """The file as a whole cannot be read (or the mapping does not fit it); ``field`` names the mapping
    field at fault, for mapping errors."""

    def __init__(self, code: str, *, field: str | None = None, **params: Param) -> None:
        self.code = code
        self.field = field
        self.message_en, self.message_ru = localise(code, {**params, "field": field or ""})
        super().__init__(f"{code}: {self.message_en}")


@dataclass(frozen=True, slots=True)
class RowIssue:
    """One problem found in one row; ``column`` is the column's name as the file shows it ("" when the
    problem is about the row as a whole)."""

    row_number: int
    column: str
    code: str
    message_en: str
    message_ru: str

    @classmethod
    def of(cls, code: str, row_number: int, column: str, **params: Param) -> RowIssue:
        return cls(row_number, column, code, *localise(code, params))


def quoted(value: str, limit: int = 60) -> str:
    """A cell's text for a message: long values cut so one bad cell cannot flood the error report."""
    return value if len(value) <= limit else value[:limit - 1] + "…"
