"""callback_request: files a callback request (заявка на обратный звонок) for agents."""

from typing import Literal

from flow_runtime.nodes.base import NodeDeclaration, Output, Text, param
from flow_runtime.nodes.fields import required_when


class CallbackRequestNode(NodeDeclaration):
    type = "callback_request"
    category = "routing"
    icon = "phone-plus"
    title = Text(en="Callback request", ru="Заявка на обратный звонок")
    description = Text(
        en="Files a request for an agent to call the caller back",
        ru="Создаёт заявку, чтобы оператор перезвонил абоненту",
    )
    output_rule = (Output("done", Text(en="Request filed", ru="Заявка создана")),)
    summary_fields = ("number_source",)

    number_source: Literal["caller_id", "variable"] = param(
        "caller_id",
        en=("Number to call back", "Where the callback number comes from"),
        ru=("Номер для обратного звонка", "Откуда взять номер для обратного звонка"),
        options={
            "caller_id": Text(en="Caller's number", ru="Номер звонящего"),
            "variable": Text(en="From a variable", ru="Из переменной"),
        },
    )
    number_variable: str | None = param(
        None,
        en=("Number variable", "Variable holding the number, e.g. flow.phone or contact.mobile"),
        ru=("Переменная с номером", "Переменная с номером, например flow.phone или contact.mobile"),
        expression=True,
        pattern=r"^(call|contact|flow|tenant)(\.[A-Za-z][A-Za-z0-9_]*)+$",
        max_length=200,
        validate_default=True,
    )
    note: str | None = param(
        None,
        en=("Note", "Note for the agent; {{variables}} are substituted"),
        ru=("Комментарий", "Комментарий для оператора; {{переменные}} подставляются"),
        template=True,
        max_length=500,
    )

    _number_variable_when_needed = required_when("number_variable", "number_source", "variable")
