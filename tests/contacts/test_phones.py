"""Phone normalisation: the formats people write, the reasons a number is refused, time zones, and the
fast path checked against phonenumbers itself."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from phonenumbers import NumberParseException, ValidationResult
from phonenumbers.timezone import time_zones_for_number

from backend.domains.contacts.parsing import Phone, PhoneNormaliser, PhoneProblem


@pytest.fixture(scope="module")
def russian():
    return PhoneNormaliser("RU")


@pytest.mark.parametrize("raw", [
    "8 916 123-45-67", "89161234567", "+7 916 123 45 67", "+7(916)123-45-67", "79161234567", "9161234567",
    "8.916.123.45.67", "8\u00a0916\u00a0123\u00a045\u00a067", "79161234567.0",
])
def test_russian_mobile_formats(russian, raw):
    assert russian.normalise(raw) == Phone("+79161234567", None)  # mobile ranges span many time zones


@pytest.mark.parametrize(("raw", "e164", "timezone"), [
    ("8 (495) 123-45-67", "+74951234567", "Europe/Moscow"),
    ("(343) 212-34-56", "+73432123456", "Asia/Yekaterinburg"),
    ("8 800 555-35-35", "+78005553535", None),
    ("+49 30 1234567", "+49301234567", "Europe/Berlin"),
    ("+375 29 123-45-67", "+375291234567", "Europe/Moscow"),  # the metadata's zone for Belarus
    ("8 (916) 123-45-67 доб. 12", "+79161234567", None),  # the extension cannot be dialled by a campaign
])
def test_other_numbers_and_their_time_zones(russian, raw, e164, timezone):
    assert russian.normalise(raw) == Phone(e164, timezone)


@pytest.mark.parametrize(("raw", "code", "reason"), [
    ("12345", "phone.not_possible", "too few digits"),
    ("+7 916 12", "phone.not_possible", "too few digits"),
    ("+7 916 123 45 67 89", "phone.not_possible", "wrong number of digits"),
    ("+7 916 123 45 67 89 01 23 45 67", "phone.not_possible", "too many digits"),
    ("8 916 123 45 6", "phone.invalid", ""),  # ten digits after all, and no range starts 891
    ("+999 1234567", "phone.not_possible", "unknown country code"),
    ("212-34-56", "phone.not_possible", "the area code is missing"),
    ("+7 123 456 78 90", "phone.invalid", ""),  # ten digits, but no such range
    ("8 123 456 78 90", "phone.invalid", ""),
    ("нет", "phone.invalid", ""),
    ("7,91612E+10", "phone.exponent_form", ""),
    ("7.9E+10", "phone.exponent_form", ""),
])
def test_refused_numbers_say_why(russian, raw, code, reason):
    problem = russian.normalise(raw)
    assert isinstance(problem, PhoneProblem)
    assert (problem.code, problem.reason[0]) == (code, reason)


def test_the_region_decides_numbers_without_a_country_code():
    assert PhoneNormaliser("BY").normalise("8 029 123-45-67") == Phone("+375291234567", "Europe/Moscow")
    assert PhoneNormaliser("DE").normalise("030 1234567") == Phone("+49301234567", "Europe/Berlin")


def test_an_unknown_region_is_a_programming_error():
    with pytest.raises(ValueError):
        PhoneNormaliser("XX")


def reference(raw: str, region: str) -> Phone | str:
    """Plain phonenumbers, number by number: what the fast path must reproduce."""
    try:
        number = phonenumbers.parse(raw, region)
    except NumberParseException as exc:
        return "phone.invalid" if exc.error_type == NumberParseException.NOT_A_NUMBER else "phone.not_possible"
    if phonenumbers.is_possible_number_with_reason(number) != ValidationResult.IS_POSSIBLE:
        return "phone.not_possible"
    if not phonenumbers.is_valid_number(number):
        return "phone.invalid"
    zones = time_zones_for_number(number)
    return Phone(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
                 zones[0] if len(zones) == 1 and zones[0] != "Etc/Unknown" else None)


@pytest.mark.parametrize("region", ["RU", "KZ"])
def test_fast_path_agrees_with_phonenumbers(region):
    """Ten random digits in every shape the fast path takes (+7, 7, 8, none), biased towards the starts
    that matter in country code 7 (3, 4, 7, 8, 9, the six-digit mobile branch 9300… and 8 10, the prefix
    for international calls)."""
    normaliser, rng = PhoneNormaliser(region), random.Random(region)
    for _ in range(1500):
        start = rng.choice(["", "", "", "3", "4", "7", "8", "9", "9300", "8100"])
        national = (start + f"{rng.randrange(10 ** 10):010d}")[:10]
        for trunk in ("+7", "7", "8", ""):
            got = normaliser.normalise(trunk + national)
            assert (got.code if isinstance(got, PhoneProblem) else got) == reference(trunk + national, region)
