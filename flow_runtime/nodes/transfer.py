"""transfer: connects the caller to an extension, an external number or a SIP address."""

from typing import Literal

from flow_runtime.nodes.base import ERROR_OUTPUT, NodeDeclaration, Output, Text, param
from flow_runtime.nodes.fields import reference_param


class TransferNode(NodeDeclaration):
    type = "transfer"
    category = "routing"
    icon = "phone-outgoing"
    title = Text(en="Transfer", ru="Перевод вызова")
    description = Text(
        en="Connects the caller to an extension, an external number or a SIP address",
        ru="Соединяет абонента с внутренним номером, внешним номером или SIP-адресом",
    )
    # "answered" is taken when the conversation ends and the caller is still on the line.
    output_rule = (
        Output("answered", Text(en="Answered", ru="Ответили"), waits=True),
        Output("busy", Text(en="Busy", ru="Занято")),
        Output("no_answer", Text(en="No answer", ru="Не ответили"), waits=True),
        Output("failed", Text(en="Call failed", ru="Вызов не удался")),
        ERROR_OUTPUT,
    )
    summary_fields = ("target_kind", "target")

    target_kind: Literal["extension", "external", "sip_uri"] = param(
        "extension",
        en=("Destination type", "What kind of destination to call"),
        ru=("Тип назначения", "Куда переводить вызов"),
        options={
            "extension": Text(en="Extension", ru="Внутренний номер"),
            "external": Text(en="External number", ru="Внешний номер"),
            "sip_uri": Text(en="SIP address", ru="SIP-адрес"),
        },
    )
    target: str = param(
        en=("Destination", "Number or SIP address; {{variables}} are substituted"),
        ru=("Назначение", "Номер или SIP-адрес; {{переменные}} подставляются"),
        template=True,
        min_length=1,
        max_length=256,
    )
    trunk: str | None = reference_param(
        "trunk",
        en=("Trunk", "External line for an external number; empty: the default line"),
        ru=("Внешняя линия", "Внешняя линия для внешнего номера; пусто — линия по умолчанию"),
        default=None,
    )
    ring_timeout: int = param(
        30,
        en=("Ring timeout, s", "How long to ring before “No answer”"),
        ru=("Время дозвона, с", "Сколько звонить до выхода «Не ответили»"),
        ge=5,
        le=300,
    )
    caller_id: str | None = param(
        None,
        en=("Caller ID", "Number shown to the called party; empty: the caller's number"),
        ru=("Номер для показа", "Номер, который увидит вызываемый; пусто — номер звонящего"),
        template=True,
        max_length=64,
    )
