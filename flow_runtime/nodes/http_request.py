"""http_request: calls an external HTTP API and maps its JSON answer into flow variables."""

from typing import Annotated, Literal

from pydantic import StringConstraints

from flow_runtime.nodes.base import ERROR_OUTPUT, NodeDeclaration, Output, ParamsModel, Text, param
from flow_runtime.nodes.fields import VariableName, assigned_variable_param

HeaderName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$")]
JsonPath = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$", max_length=200)]


class Header(ParamsModel):
    name: HeaderName = param(en=("Name", "Header name"), ru=("Имя", "Имя заголовка"))
    value: str = param(
        en=("Value", "Header value; {{variables}} are substituted"),
        ru=("Значение", "Значение заголовка; {{переменные}} подставляются"),
        template=True,
        max_length=2000,
    )


class ResponseMapping(ParamsModel):
    variable: VariableName = assigned_variable_param()
    path: JsonPath = param(
        en=("JSON path", "Where the value is in the response, e.g. data.items.0.name"),
        ru=("Путь в JSON", "Где значение в ответе, например data.items.0.name"),
    )


class HttpRequestNode(NodeDeclaration):
    type = "http_request"
    category = "integration"
    icon = "world-www"
    title = Text(en="HTTP request", ru="HTTP-запрос")
    description = Text(
        en="Calls an external HTTP API and saves values from its JSON response",
        ru="Обращается к внешнему HTTP API и сохраняет значения из JSON-ответа",
    )
    # A failed request is an expected outcome here, so its "error" output is not optional.
    output_rule = (
        Output("ok", Text(en="Success", ru="Успешно")),
        Output("error", ERROR_OUTPUT.label),
        Output("timeout", Text(en="No response", ru="Нет ответа")),
    )
    summary_fields = ("method", "url")

    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"] = param(
        "GET",
        en=("Method", "HTTP method"),
        ru=("Метод", "HTTP-метод"),
        options={name: Text(en=name, ru=name) for name in ("GET", "POST", "PUT", "PATCH", "DELETE")},
    )
    url: str = param(
        en=("URL", "Address to call; {{variables}} are substituted"),
        ru=("Адрес", "Адрес запроса; {{переменные}} подставляются"),
        template=True,
        pattern=r"^https?://",
        max_length=2000,
    )
    headers: list[Header] = param(
        [],
        en=("Headers", "Request headers"),
        ru=("Заголовки", "Заголовки запроса"),
        max_length=20,
    )
    body: str | None = param(
        None,
        en=("Body", "Request body, e.g. JSON; {{variables}} are substituted"),
        ru=("Тело запроса", "Тело запроса, например JSON; {{переменные}} подставляются"),
        template=True,
        max_length=10000,
    )
    timeout: int = param(
        10,
        en=("Timeout, s", "How long to wait for the response"),
        ru=("Тайм-аут, с", "Сколько ждать ответа"),
        ge=1,
        le=30,
    )
    response_mapping: list[ResponseMapping] = param(
        [],
        en=("Save from response", "Values to copy from the JSON response into flow variables"),
        ru=("Сохранить из ответа", "Какие значения JSON-ответа сохранить в переменные сценария"),
        max_length=50,
    )
