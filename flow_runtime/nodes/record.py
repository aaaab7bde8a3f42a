"""record: records the caller's voice (a message, a complaint) into an audio recording."""

from flow_runtime.nodes.base import ERROR_OUTPUT, NodeDeclaration, Output, Text, param
from flow_runtime.nodes.fields import DtmfKey, Prompt, VariableName, assigned_variable_param


class RecordNode(NodeDeclaration):
    type = "record"
    category = "audio"
    icon = "microphone"
    title = Text(en="Record", ru="Записать сообщение")
    description = Text(
        en="Records what the caller says; the recording id goes into a flow variable",
        ru="Записывает речь абонента; идентификатор аудиозаписи сохраняется в переменную сценария",
    )
    output_rule = (
        Output("recorded", Text(en="Recorded", ru="Записано"), waits=True),
        Output("no_input", Text(en="Nothing said", ru="Абонент молчал"), waits=True),
        ERROR_OUTPUT,
    )
    summary_fields = ("variable", "max_seconds")

    prompt: Prompt | None = param(
        None,
        en=("Prompt", "Played before recording, e.g. “Leave a message after the tone”"),
        ru=("Сообщение", "Звучит перед записью, например «Оставьте сообщение после сигнала»"),
    )
    max_seconds: int = param(
        120,
        en=("Maximum length, s", "Recording stops after this time"),
        ru=("Максимальная длительность, с", "Запись останавливается по истечении времени"),
        ge=1,
        le=3600,
    )
    silence_seconds: int = param(
        5,
        en=("Stop on silence, s", "Silence that ends the recording; 0: do not stop on silence"),
        ru=("Остановка по тишине, с", "Тишина, завершающая запись; 0 — не останавливать"),
        ge=0,
        le=60,
    )
    finish_key: DtmfKey | None = param(
        "#",
        en=("Finish key", "Key that ends the recording; empty: none"),
        ru=("Клавиша завершения", "Клавиша, завершающая запись; пусто — нет"),
    )
    variable: VariableName = assigned_variable_param("The recording id", "Идентификатор аудиозаписи")
