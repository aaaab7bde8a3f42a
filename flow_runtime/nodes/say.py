"""say: speaks a value as digits, a number, a date, a time or an amount of money."""

from typing import Literal

from flow_runtime.nodes.base import ERROR_OUTPUT, NodeDeclaration, Output, Text, param
from flow_runtime.nodes.fields import Language, expression_param, language_param


class SayNode(NodeDeclaration):
    type = "say"
    category = "audio"
    icon = "speakerphone"
    title = Text(en="Say value", ru="Произнести значение")
    description = Text(
        en="Speaks a value: digits, a number, a date, a time or an amount of money",
        ru="Произносит значение: цифры, число, дату, время или денежную сумму",
    )
    output_rule = (Output("done", Text(en="Spoken", ru="Произнесено"), waits=True), ERROR_OUTPUT)
    summary_fields = ("kind", "value")

    kind: Literal["digits", "number", "date", "time", "datetime", "money"] = param(
        "number",
        en=("Say as", "How to pronounce the value"),
        ru=("Произнести как", "Как произнести значение"),
        options={
            "digits": Text(en="Digits one by one", ru="Цифры по одной"),
            "number": Text(en="Number", ru="Число"),
            "date": Text(en="Date", ru="Дата"),
            "time": Text(en="Time", ru="Время"),
            "datetime": Text(en="Date and time", ru="Дата и время"),
            "money": Text(en="Amount of money", ru="Денежная сумма"),
        },
    )
    value: str = expression_param(
        en=("Value", "Expression giving the value, e.g. contact.debt"),
        ru=("Значение", "Выражение, дающее значение, например contact.debt"),
    )
    language: Language = language_param()
    currency: Literal["RUB", "USD", "EUR"] = param(
        "RUB",
        en=("Currency", "Currency of an amount of money"),
        ru=("Валюта", "Валюта денежной суммы"),
        options={
            "RUB": Text(en="Roubles", ru="Рубли"),
            "USD": Text(en="US dollars", ru="Доллары США"),
            "EUR": Text(en="Euro", ru="Евро"),
        },
    )
