"""A tenant's inbound numbers (DIDs) and internal extensions, and the look-up the runtime does per call.

A DID belongs to exactly one tenant across the installation; an extension is unique within its tenant
(the dialplan passes the tenant with calls from its phones). Both are found by one indexed equality
query on ``lookup_key``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

import phonenumbers
import pymongo

from tenants.documents import TenantDocument


class NumberKind(StrEnum):
    did = "did"
    extension = "extension"


class InvalidNumber(ValueError):
    pass


class InboundNumber(TenantDocument):
    number: str  # E.164 for DIDs, digits for extensions
    kind: NumberKind
    flow_id: str | None = None
    description: str = ""
    lookup_key: str

    object_type: ClassVar[str] = "number"

    class Settings:
        name = "numbers"
        indexes = [
            pymongo.IndexModel([("lookup_key", pymongo.ASCENDING)], unique=True),
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("_id", pymongo.DESCENDING)]),
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("flow_id", pymongo.ASCENDING)]),
        ]


def normalise_did(raw: str, region: str) -> str:
    """E.164 form of a phone number written the way people write them (8 495 …, +7 (495) …)."""
    try:
        parsed = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidNumber(f"not a phone number: {exc}") from None
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidNumber("not a possible phone number for its country")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def lookup_key(kind: NumberKind, number: str, tenant_id: str) -> str:
    return f"did:{number}" if kind == NumberKind.did else f"ext:{tenant_id}:{number}"


async def find_inbound_number(dialed: str, tenant_id: str | None = None) -> InboundNumber | None:
    """The number a call was dialed to: a DID (any tenant), else the tenant's extension."""
    keys = [f"did:{dialed}", f"did:+{dialed.lstrip('+')}"]
    if tenant_id:
        keys.append(f"ext:{tenant_id}:{dialed}")
    return await InboundNumber.find_one({"lookup_key": {"$in": keys}})
