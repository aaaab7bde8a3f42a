"""A tenant's inbound numbers (DIDs), number patterns and internal extensions, and the look-up the runtime
does per call.

A DID belongs to exactly one tenant across the installation; an extension is unique within its tenant
(the dialplan passes the tenant with calls from its phones). Both are found by one indexed equality
query on ``lookup_key``. A pattern (Asterisk syntax, e.g. ``_7495XXXXXXX``) covers a range of DIDs; it is
found through the index on its literal prefix, then matched, the longest prefix winning.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

import re

import phonenumbers
import pymongo

from tenants.documents import TenantDocument


class NumberKind(StrEnum):
    did = "did"
    pattern = "pattern"
    extension = "extension"


class InvalidNumber(ValueError):
    pass


class InboundNumber(TenantDocument):
    number: str  # E.164 for DIDs, digits for extensions
    kind: NumberKind
    flow_id: str | None = None
    description: str = ""
    lookup_key: str
    pattern_prefix: str | None = None  # patterns only: the digits before the first wildcard

    object_type: ClassVar[str] = "number"

    class Settings:
        name = "numbers"
        indexes = [
            pymongo.IndexModel([("lookup_key", pymongo.ASCENDING)], unique=True),
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("_id", pymongo.DESCENDING)]),
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("flow_id", pymongo.ASCENDING)]),
            pymongo.IndexModel([("pattern_prefix", pymongo.ASCENDING)], sparse=True),
        ]

    def matches(self, dialed: str) -> bool:
        return self.kind != NumberKind.pattern or pattern_regex(self.number).fullmatch(dialed.lstrip("+")) is not None


def normalise_did(raw: str, region: str) -> str:
    """E.164 form of a phone number written the way people write them (8 495 …, +7 (495) …)."""
    try:
        parsed = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidNumber(f"not a phone number: {exc}") from None
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidNumber("not a possible phone number for its country")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


_PATTERN = re.compile(r"^_(?:[0-9*#]|[XZN]|\[[0-9]+(?:-[0-9])?[0-9]*\])+[.!]?$")
_PATTERN_PARTS = {"X": "[0-9]", "Z": "[1-9]", "N": "[2-9]", ".": "[0-9*#]+", "!": "[0-9*#]*"}


def normalise_pattern(raw: str) -> str:
    pattern = raw.strip().upper()
    if not _PATTERN.match(pattern):
        raise InvalidNumber("a pattern starts with _ and uses digits, X, Z, N, [1-5] and a final . or !")
    return pattern


def pattern_regex(pattern: str) -> re.Pattern:
    parts = re.findall(r"\[[^\]]+\]|.", pattern[1:])
    return re.compile("".join(_PATTERN_PARTS.get(p, p if p.startswith("[") else re.escape(p)) for p in parts))


def pattern_prefix(pattern: str) -> str:
    return re.match(r"[0-9*#]*", pattern[1:]).group(0)


def lookup_key(kind: NumberKind, number: str, tenant_id: str) -> str:
    return f"ext:{tenant_id}:{number}" if kind == NumberKind.extension else f"{kind.value}:{number}"


async def find_inbound_number(dialed: str, tenant_id: str | None = None) -> InboundNumber | None:
    """The number a call was dialed to: a DID (any tenant), the tenant's extension, else the most specific
    pattern. Each step is one indexed query."""
    digits = dialed.lstrip("+")
    keys = [f"did:{dialed}", f"did:+{digits}"]
    if tenant_id:
        keys.append(f"ext:{tenant_id}:{dialed}")
    exact = await InboundNumber.find_one({"lookup_key": {"$in": keys}})
    if exact is not None:
        return exact
    prefixes = [digits[:length] for length in range(len(digits) + 1)]
    candidates = await InboundNumber.find({"kind": NumberKind.pattern.value, "pattern_prefix": {"$in": prefixes}}).to_list()
    matching = [c for c in candidates if c.matches(digits)]
    return max(matching, key=lambda c: (len(c.pattern_prefix or ""), len(c.number)), default=None)
