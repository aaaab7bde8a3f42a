"""collect: gathers digits (a PIN, an account number) into a flow variable."""

from flow_runtime.nodes.base import ERROR_OUTPUT, NodeDeclaration, Output, Text, param
from flow_runtime.nodes.fields import DtmfKey, Prompt, RegexPattern, VariableName, assigned_variable_param, not_before


class CollectNode(NodeDeclaration):
    type = "collect"
    category = "input"
    icon = "dialpad"
    title = Text(en="Collect digits", ru="Ввод цифр")
    description = Text(
        en="Collects digits typed by the caller into a flow variable",
        ru="Собирает цифры, набранные абонентом, в переменную сценария",
    )
    output_rule = (
        Output("ok", Text(en="Entered", ru="Введено"), waits=True),
        Output("timeout", Text(en="No input", ru="Нет ввода"), waits=True),
        Output("invalid", Text(en="Invalid input", ru="Неверный ввод"), waits=True),
        ERROR_OUTPUT,
    )
    summary_fields = ("variable", "max_digits")

    prompt: Prompt | None = param(
        None,
        en=("Prompt", "Played before collecting, e.g. “Enter your contract number”"),
        ru=("Сообщение", "Звучит перед вводом, например «Введите номер договора»"),
    )
    variable: VariableName = assigned_variable_param("The digits are", "Цифры")
    min_digits: int = param(
        1,
        en=("Minimum digits", "Fewer digits are invalid input"),
        ru=("Минимум цифр", "Меньше цифр — неверный ввод"),
        ge=1,
        le=32,
    )
    max_digits: int = param(
        10,
        en=("Maximum digits", "Collection stops after this many digits"),
        ru=("Максимум цифр", "Ввод завершается после стольких цифр"),
        ge=1,
        le=32,
    )
    terminator: DtmfKey | None = param(
        "#",
        en=("End key", "Key that ends the input early; empty: none"),
        ru=("Клавиша завершения", "Клавиша, завершающая ввод досрочно; пусто — нет"),
    )
    pattern: RegexPattern | None = param(
        None,
        en=("Pattern", r"Regular expression the whole input must match, e.g. \*[0-9]+#"),
        ru=("Шаблон", r"Регулярное выражение, которому должен соответствовать весь ввод, например \*[0-9]+#"),
    )
    digit_timeout: int = param(
        5,
        en=("Inter-digit timeout, s", "Silence between digits that ends the input"),
        ru=("Пауза между цифрами, с", "Пауза между цифрами, завершающая ввод"),
        ge=1,
        le=60,
    )
    total_timeout: int = param(
        30,
        en=("Total timeout, s", "Longest time for the whole input"),
        ru=("Общий тайм-аут, с", "Максимальное время на весь ввод"),
        ge=1,
        le=600,
    )

    _max_not_below_min = not_before("max_digits", "min_digits")
