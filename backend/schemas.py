"""Building blocks shared by the request and response schemas of every domain."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import available_timezones

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints


class RequestModel(BaseModel):
    """A request body: unknown fields are refused, strings are trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    def changes(self) -> dict:
        """The fields the client sent, as typed values (nested models stay models), for partial updates."""
        return {name: getattr(self, name) for name in self.model_fields_set}


class ResponseModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


def _normalise_email(value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ValueError(str(exc)) from None


def _check_timezone(value: str) -> str:
    if value not in _TIMEZONES:
        raise ValueError("not a known IANA time zone, e.g. Europe/Moscow")
    return value


def _check_region(value: str) -> str:
    value = value.upper()
    if value not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError("not a phone region code, e.g. RU")
    return value


_TIMEZONES = frozenset(available_timezones())

Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(_normalise_email)]
Password = Annotated[str, StringConstraints(min_length=8, max_length=128, strip_whitespace=False)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(max_length=2000)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$", max_length=40)]
Timezone = Annotated[str, StringConstraints(max_length=64), AfterValidator(_check_timezone)]
PhoneRegion = Annotated[str, StringConstraints(min_length=2, max_length=2), AfterValidator(_check_region)]
HostName = Annotated[str, StringConstraints(
    pattern=r"^(\*\.)?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$",
    max_length=253,
)]
Reason = Annotated[str, StringConstraints(min_length=1, max_length=500)]
ObjectIdStr = Annotated[str, Field(pattern=r"^[0-9a-f]{24}$")]
