"""Parameter parts shared by several node types: prompts, keys, variables, schedules, checks."""

from __future__ import annotations

import datetime
import re
import zoneinfo
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError, PydanticUndefined

from flow_runtime.expressions import MAX_EXPRESSION_LENGTH
from flow_runtime.nodes.base import ParamsModel, Text, param

MAX_ID_LENGTH = 64


def param_error(code: str, en: str, ru: str) -> PydanticCustomError:
    """A parameter error with a stable code and a Russian message (read by validation)."""
    return PydanticCustomError(code, en, {"ru": ru})


def required_when(field: str, condition_field: str, condition_value: str) -> Any:
    """A validator making `field` required when `condition_field` equals `condition_value`.

    `field` must be declared after `condition_field` with validate_default=True so pydantic
    runs the check even when the value is left at its None default.
    """

    def check(cls: type, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.data.get(condition_field) == condition_value:
            raise param_error(
                "missing",
                f"Required when {condition_field} is {condition_value}",
                f"Обязательно, если {condition_field} = {condition_value}",
            )
        return value

    return field_validator(field)(classmethod(check))


def not_before(field: str, lower_field: str) -> Any:
    """A validator requiring `field` >= `lower_field` (declared earlier), e.g. max >= min."""

    def check(cls: type, value: Any, info: ValidationInfo) -> Any:
        lower = info.data.get(lower_field)
        if value is not None and lower is not None and value < lower:
            raise param_error(
                "invalid_range",
                f"Must not be less than {lower_field}",
                f"Не может быть меньше, чем {lower_field}",
            )
        return value

    return field_validator(field)(classmethod(check))


def _compiles_as_regex(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise param_error(
            "invalid_regex",
            f"Not a valid regular expression: {exc}",
            f"Некорректное регулярное выражение: {exc}",
        ) from None
    return pattern


def _is_timezone(name: str) -> str:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise param_error(
            "invalid_timezone",
            f"Unknown time zone {name!r}; use an IANA name such as Europe/Moscow",
            f"Неизвестный часовой пояс {name!r}; укажите имя IANA, например Europe/Moscow",
        ) from None
    return name


RegexPattern = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_compiles_as_regex)]
TimezoneName = Annotated[str, StringConstraints(max_length=64), AfterValidator(_is_timezone)]
# One DTMF key. A pattern rather than an enum: the values are their own labels.
DtmfKey = Annotated[str, StringConstraints(pattern=r"^[0-9*#]$")]
# A flow.* variable, written without the "flow." prefix (the editor shows it).
VariableName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]{0,63}$")]
ClockTime = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
ClockTimeOrMidnight = Annotated[str, StringConstraints(pattern=r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")]

Language = Literal["ru", "en"]
LANGUAGES = {"ru": Text(en="Russian", ru="Русский"), "en": Text(en="English", ru="Английский")}

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS = {
    "mon": Text(en="Mon", ru="Пн"),
    "tue": Text(en="Tue", ru="Вт"),
    "wed": Text(en="Wed", ru="Ср"),
    "thu": Text(en="Thu", ru="Чт"),
    "fri": Text(en="Fri", ru="Пт"),
    "sat": Text(en="Sat", ru="Сб"),
    "sun": Text(en="Sun", ru="Вс"),
}


def expression_param(en: tuple[str, str], ru: tuple[str, str]) -> Any:
    """A required expression field (see flow_runtime.expressions)."""
    return param(en=en, ru=ru, expression=True, min_length=1, max_length=MAX_EXPRESSION_LENGTH)


def assigned_variable_param(what_en: str = "The value", what_ru: str = "Значение") -> Any:
    """The flow.* variable a node stores its result in."""
    return param(
        en=("Variable", f"{what_en} is saved as flow.<name>"),
        ru=("Переменная", f"{what_ru} сохраняется в flow.<имя>"),
        assigns=True,
    )


def reference_param(kind: str, en: tuple[str, str], ru: tuple[str, str], default: Any = PydanticUndefined) -> Any:
    """The id of another object of the organisation: an audio recording, a queue, a flow, a trunk."""
    return param(default, en=en, ru=ru, ref=kind, min_length=1, max_length=MAX_ID_LENGTH)


def language_param() -> Any:
    return param(
        "ru",
        en=("Language", "Language of speech synthesis and of spoken numbers"),
        ru=("Язык", "Язык синтеза речи и произношения чисел"),
        options=LANGUAGES,
    )


def timezone_param() -> Any:
    return param(
        None,
        en=("Time zone", "IANA time zone, e.g. Europe/Moscow; empty: the organisation's time zone"),
        ru=("Часовой пояс", "Часовой пояс IANA, например Europe/Moscow; пусто — часовой пояс организации"),
    )


class AudioItem(ParamsModel):
    kind: Literal["audio"] = param(
        en=("Kind", "An uploaded audio recording"),
        ru=("Вид", "Загруженная аудиозапись"),
        options={"audio": Text(en="Audio recording", ru="Аудиозапись")},
    )
    audio_id: str = reference_param(
        "audio",
        en=("Audio recording", "The audio recording to play"),
        ru=("Аудиозапись", "Какую аудиозапись проиграть"),
    )


class SpeechItem(ParamsModel):
    kind: Literal["tts"] = param(
        en=("Kind", "Text read by speech synthesis"),
        ru=("Вид", "Текст, озвученный синтезом речи"),
        options={"tts": Text(en="Speech synthesis", ru="Синтез речи")},
    )
    text: str = param(
        en=("Text", "Text to speak; {{variables}} are substituted"),
        ru=("Текст", "Текст для синтеза речи; {{переменные}} подставляются"),
        template=True,
        min_length=1,
        max_length=2000,
    )


PromptItem = Annotated[AudioItem | SpeechItem, Field(discriminator="kind")]


class Prompt(ParamsModel):
    """What the caller hears: audio recordings and synthesized text, played in order."""

    items: list[PromptItem] = param(
        en=("Items", "Audio recordings and texts, played one after another"),
        ru=("Фрагменты", "Аудиозаписи и тексты, проигрываемые друг за другом"),
        min_length=1,
        max_length=20,
    )
    language: Language = language_param()
    voice: str | None = param(
        None,
        en=("Voice", "Speech synthesis voice; empty: the default voice of the language"),
        ru=("Голос", "Голос синтеза речи; пусто — голос по умолчанию для языка"),
        max_length=64,
    )


class TimeRange(ParamsModel):
    """A daily time range; an end before the start crosses midnight (22:00–06:00)."""

    start: ClockTime = param(en=("From", "Start time, HH:MM"), ru=("С", "Время начала, ЧЧ:ММ"))
    end: ClockTimeOrMidnight = param(
        en=("To", "End time, HH:MM (24:00 = end of day)"),
        ru=("До", "Время окончания, ЧЧ:ММ (24:00 — конец суток)"),
    )

    @field_validator("end")
    @classmethod
    def _not_empty(cls, end: str, info: ValidationInfo) -> str:
        if end == info.data.get("start"):
            raise param_error("invalid_range", "The range is empty", "Пустой интервал времени")
        return end


def weekdays_param(*, required: bool) -> Any:
    """Required: at least one day, Monday to Friday by default. Optional: empty means any day."""
    return param(
        ["mon", "tue", "wed", "thu", "fri"] if required else [],
        en=("Weekdays", "Days of the week" if required else "Days of the week; empty: any day"),
        ru=("Дни недели", "Дни недели" if required else "Дни недели; пусто — любой день"),
        options=WEEKDAYS,
        min_length=1 if required else 0,
        max_length=7,
    )


def time_ranges_param(*, required: bool) -> Any:
    """Required: at least one range, 09:00–18:00 by default. Optional: empty means any time."""
    return param(
        [TimeRange(start="09:00", end="18:00")] if required else [],
        en=("Time ranges", "Times of day" if required else "Times of day; empty: any time"),
        ru=("Интервалы времени", "Время суток" if required else "Время суток; пусто — любое время"),
        min_length=1 if required else 0,
        max_length=10,
    )


class DateRange(ParamsModel):
    start: datetime.date = param(en=("From", "First date"), ru=("С", "Первая дата"))
    end: datetime.date = param(en=("To", "Last date, inclusive"), ru=("По", "Последняя дата включительно"))

    _end_not_before_start = not_before("end", "start")
