"""Phone numbers to E.164 with phonenumbers, and a fast path for the way Russian lists write them.

Parsing and validating one number with phonenumbers costs about 40 µs, too slow for a million-row list
with two phones a row. Nearly every number in such a list is "+7", "7", "8" or nothing followed by ten
digits, with spaces, dashes or brackets between. For those, phonenumbers' answers depend on few of
the ten digits, so it is asked once per prefix and its answers are kept in byte tables (40 KB per
normaliser, 1 MB per process):

- how the digits read in the tenant's region (as +7 and the ten digits, or otherwise) depends on the
  shape and the first four digits: it hinges on the trunk prefix 8, the country code 7, and the prefix
  for international calls 810, which counts only when the digit after it is not 0;
- whether +7 and the ten digits is a valid number, and its time zone, depend on the first six: the
  longest digit-specific prefix in the metadata of country code 7 (Russia, Kazakhstan) is six digits long
  (mobile 930005…), and its time-zone prefixes are shorter.

Whatever does not read as +7 and the ten digits goes to phonenumbers number by number.
tests/contacts/test_phones.py compares both paths on random numbers of every shape, which guards these
prefix lengths against new metadata.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import NamedTuple

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, ValidationResult
from phonenumbers.timezone import UNKNOWN_TIMEZONE, time_zones_for_number

# A leading 0 is left to phonenumbers: it would be an "Italian leading zero", not part of the integer.
_RUSSIAN_SHAPE = re.compile(r"(\+7|7|8)?([1-9]\d{9})")
_SHAPE_SLOTS = {"+7": 0, "7": 1, "8": 2, None: 3}
_READING_DIGITS = 4
_VERDICT_DIGITS = 6
_NOT_JUDGED, _READS_AS_PLUS_7, _READS_OTHERWISE = 0, 1, 2
# "7,91612E+10": Excel wrote a long number in exponent form into a CSV, and its last digits are gone.
_EXPONENT_FORM = re.compile(r"\d[.,]\d*E\+?\d+", re.IGNORECASE)


class Phone(NamedTuple):
    e164: str
    timezone: str | None  # the one IANA zone of the number's range; None when it spans several or none


@dataclass(frozen=True, slots=True)
class PhoneProblem:
    code: str
    reason: tuple[str, str] = ("", "")  # (English, Russian), for phone.not_possible


_INVALID = PhoneProblem("phone.invalid")
_TOO_SHORT = PhoneProblem("phone.not_possible", ("too few digits", "слишком мало цифр"))
_TOO_LONG = PhoneProblem("phone.not_possible", ("too many digits", "слишком много цифр"))
_BAD_COUNTRY = PhoneProblem("phone.not_possible", ("unknown country code", "неизвестный код страны"))
_PARSE_PROBLEMS = {
    NumberParseException.NOT_A_NUMBER: _INVALID,
    NumberParseException.INVALID_COUNTRY_CODE: _BAD_COUNTRY,
    NumberParseException.TOO_SHORT_AFTER_IDD: _TOO_SHORT,
    NumberParseException.TOO_SHORT_NSN: _TOO_SHORT,
    NumberParseException.TOO_LONG: _TOO_LONG,
}
_IMPOSSIBLE = {
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY: PhoneProblem(
        "phone.not_possible", ("the area code is missing", "не хватает кода города")),
    ValidationResult.INVALID_COUNTRY_CODE: _BAD_COUNTRY,
    ValidationResult.TOO_SHORT: _TOO_SHORT,
    ValidationResult.INVALID_LENGTH: PhoneProblem(
        "phone.not_possible", ("wrong number of digits", "неверное количество цифр")),
    ValidationResult.TOO_LONG: _TOO_LONG,
}


@dataclass(frozen=True, slots=True)
class _Verdict:
    valid: bool
    timezone: str | None


class _PlusSevenVerdicts:
    """Whether +7 and ten digits is a valid number, and its time zone, by the first six digits. The answer
    does not depend on the tenant's region, so one table serves the whole process and an import worker
    stays warm from one file to the next."""

    def __init__(self) -> None:
        self._slots = bytearray(10 ** _VERDICT_DIGITS)  # index into _verdicts; 0: not judged yet
        self._verdicts: list[_Verdict] = [_Verdict(False, None)]  # index 0 is never read
        self._indexes: dict[_Verdict, int] = {}
        self._lock = threading.Lock()  # import jobs may run in threads

    def of(self, national: str) -> _Verdict:
        slot = int(national[:_VERDICT_DIGITS])
        index = self._slots[slot] or self._judge(slot, national)
        return self._verdicts[index]

    def _judge(self, slot: int, national: str) -> int:
        number = PhoneNumber(country_code=7, national_number=int(national))  # what parsing would give
        valid = phonenumbers.is_valid_number(number)
        verdict = _Verdict(valid, _single_timezone(number) if valid else None)
        with self._lock:
            index = self._indexes.get(verdict)
            if index is None:  # a few dozen distinct verdicts exist (one per zone), far below a byte's 255
                index = self._indexes[verdict] = len(self._verdicts)
                self._verdicts.append(verdict)
            self._slots[slot] = index
        return index


_PLUS_SEVEN = _PlusSevenVerdicts()


class PhoneNormaliser:
    """Normalises the numbers of one file for one default region (the tenant's)."""

    def __init__(self, region: str) -> None:
        if region not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(f"not a phone region code: {region!r}")
        self.region = region
        self._readings = bytearray(len(_SHAPE_SLOTS) * 10 ** _READING_DIGITS)

    def normalise(self, raw: str) -> Phone | PhoneProblem:
        """The number of a trimmed, non-empty cell, or why it is not one to call. Every Russian mobile
        range spans many time zones, so its numbers get None: the campaign's time zone applies."""
        if raw.endswith(".0") and raw[:-2].isdigit():  # a number column exported as floats
            raw = raw[:-2]
        # The separators people type; rarer ones (dots, no-break spaces) take the slower, equally correct path.
        digits = raw.replace(" ", "").replace("-", "").replace("(", "").replace(")", "")
        if (match := _RUSSIAN_SHAPE.fullmatch(digits)) and self._reads_as_plus_7(*match.groups()):
            national = match[2]
            verdict = _PLUS_SEVEN.of(national)
            return Phone("+7" + national, verdict.timezone) if verdict.valid else _INVALID
        number = self._parse(raw)
        if isinstance(number, PhoneProblem):
            return number
        if not phonenumbers.is_valid_number(number):
            return _INVALID
        # The zone comes from the parsed number: E.164 text does not always parse back to the same number
        # (+375 8… loses its 8 as a trunk prefix).
        return Phone(_e164(number), _single_timezone(number))

    def _reads_as_plus_7(self, trunk: str | None, national: str) -> bool:
        slot = _SHAPE_SLOTS[trunk] * 10 ** _READING_DIGITS + int(national[:_READING_DIGITS])
        reading = self._readings[slot]
        if reading == _NOT_JUDGED:
            number = self._parse((trunk or "") + national)
            reads_as_plus_7 = (isinstance(number, PhoneNumber) and number.country_code == 7
                               and number.national_number == int(national))
            reading = self._readings[slot] = _READS_AS_PLUS_7 if reads_as_plus_7 else _READS_OTHERWISE
        return reading == _READS_AS_PLUS_7

    def _parse(self, raw: str) -> PhoneNumber | PhoneProblem:
        if _EXPONENT_FORM.fullmatch(raw):
            return PhoneProblem("phone.exponent_form")
        try:
            number = phonenumbers.parse(raw, self.region)
        except NumberParseException as exc:
            return _PARSE_PROBLEMS[exc.error_type]
        possible = phonenumbers.is_possible_number_with_reason(number)
        return number if possible == ValidationResult.IS_POSSIBLE else _IMPOSSIBLE[possible]


def _e164(number: PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _single_timezone(number: PhoneNumber) -> str | None:
    zones = time_zones_for_number(number)
    return zones[0] if len(zones) == 1 and zones[0] != UNKNOWN_TIMEZONE else None
