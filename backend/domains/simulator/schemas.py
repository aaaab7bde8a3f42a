from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StringConstraints

from backend.schemas import ObjectIdStr, RequestModel, ResponseModel

Digits = Annotated[str, StringConstraints(pattern=r"^[0-9*#]{1,32}$")]


class SimulatedCallStart(RequestModel):
    flow_id: ObjectIdStr
    caller: Annotated[str, StringConstraints(pattern=r"^\+?[0-9]{1,20}$")] = "79160000000"
    variables: dict[str, Annotated[str, StringConstraints(max_length=500)]] = Field(
        default_factory=dict, max_length=50, description="contact.* values for campaign flows")


class DtmfPress(RequestModel):
    digits: Digits


class SimulatedCall(ResponseModel):
    channel_id: str
    live: bool = True
    transcript: list[dict[str, Any]] = []
