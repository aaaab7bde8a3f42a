"""play: plays audio recordings and synthesized text."""

from flow_runtime.nodes.base import ERROR_OUTPUT, NodeDeclaration, Output, Text, param
from flow_runtime.nodes.fields import Prompt


class PlayNode(NodeDeclaration):
    type = "play"
    category = "audio"
    icon = "player-play"
    title = Text(en="Play", ru="Воспроизвести")
    description = Text(
        en="Plays audio recordings and synthesized text to the caller",
        ru="Проигрывает абоненту аудиозаписи и синтезированный текст",
    )
    output_rule = (
        Output("done", Text(en="Played", ru="Проиграно"), waits=True),
        Output("dtmf", Text(en="Key pressed", ru="Нажата клавиша"), waits=True, when=("barge_in", True)),
        ERROR_OUTPUT,
    )
    summary_fields = ("prompt",)

    prompt: Prompt = param(en=("Message", "What to play"), ru=("Сообщение", "Что проиграть"))
    barge_in: bool = param(
        False,
        en=("Interrupt by key", "A key press stops playback and leads to “Key pressed” (call.last_dtmf)"),
        ru=("Прерывание клавишей", "Нажатие клавиши прерывает сообщение: выход «Нажата клавиша» (call.last_dtmf)"),
    )
