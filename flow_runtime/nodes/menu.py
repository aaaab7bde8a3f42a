"""menu: plays a prompt and branches on the key the caller presses."""

from flow_runtime.nodes.base import ERROR_OUTPUT, NodeDeclaration, Output, OutputsFrom, Text, param
from flow_runtime.nodes.fields import DtmfKey, Prompt


class MenuNode(NodeDeclaration):
    type = "menu"
    category = "input"
    icon = "list-numbers"
    title = Text(en="Menu", ru="Голосовое меню")
    description = Text(
        en="Plays a prompt and branches on the key pressed; repeats on silence or a wrong key",
        ru="Проигрывает сообщение и ветвится по нажатой клавише; повторяет при тишине или неверной клавише",
    )
    output_rule = (
        OutputsFrom("keys", Text(en="Key {value}", ru="Клавиша {value}"), waits=True),
        Output("timeout", Text(en="No input", ru="Нет ввода"), waits=True),
        Output("invalid", Text(en="Wrong key", ru="Неверная клавиша"), waits=True),
        ERROR_OUTPUT,
    )
    summary_fields = ("keys", "timeout")

    prompt: Prompt = param(en=("Prompt", "The menu message"), ru=("Сообщение", "Сообщение меню"))
    keys: list[DtmfKey] = param(
        en=("Keys", "Keys the caller may press; each gets its own output"),
        ru=("Клавиши", "Клавиши, которые может нажать абонент; у каждой свой выход"),
        min_length=1,
        max_length=12,
    )
    timeout: int = param(
        15,
        en=("Timeout, s", "How long to wait for a key after the prompt"),
        ru=("Тайм-аут, с", "Сколько ждать нажатия после сообщения"),
        ge=1,
        le=120,
    )
    retries: int = param(
        3,
        en=("Retries", "How many times to repeat the prompt after silence or a wrong key"),
        ru=("Повторы", "Сколько раз повторить сообщение после тишины или неверной клавиши"),
        ge=0,
        le=10,
    )
    invalid_prompt: Prompt | None = param(
        None,
        en=("Wrong key message", "Played after a wrong key, before the repeat"),
        ru=("Сообщение о неверной клавише", "Звучит после неверной клавиши перед повтором"),
    )
    timeout_prompt: Prompt | None = param(
        None,
        en=("No input message", "Played after silence, before the repeat"),
        ru=("Сообщение при отсутствии ввода", "Звучит после тишины перед повтором"),
    )
