"""say: speaks a value as digits, a number, a date, a time or money, in Russian or English.

The value becomes words-ready text (dates with month names, money with the right plural form) and the
speech engine reads the numbers in it, which espeak-ng does well in both languages."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from flow_runtime.context import CallContext, NodeError
from flow_runtime.expressions import to_text
from flow_runtime.nodes.say import SayNode

node_type = "say"

MONTHS = {
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}
# (one, few, many) for Russian; (one, other) is enough for English.
CURRENCY_WORDS = {
    "ru": {"RUB": (("рубль", "рубля", "рублей"), ("копейка", "копейки", "копеек")),
           "USD": (("доллар", "доллара", "долларов"), ("цент", "цента", "центов")),
           "EUR": (("евро", "евро", "евро"), ("цент", "цента", "центов"))},
    "en": {"RUB": (("rouble", "roubles", "roubles"), ("kopeck", "kopecks", "kopecks")),
           "USD": (("dollar", "dollars", "dollars"), ("cent", "cents", "cents")),
           "EUR": (("euro", "euros", "euros"), ("cent", "cents", "cents"))},
}


def plural(n: int, forms: tuple[str, str, str], language: str) -> str:
    if language == "en":
        return forms[0] if n == 1 else forms[1]
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def _as_datetime(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    try:
        return datetime.fromisoformat(to_text(value))
    except ValueError:
        raise NodeError(f"not a date or time: {value!r}") from None


def _as_decimal(value: object) -> Decimal:
    try:
        return Decimal(to_text(value).replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        raise NodeError(f"not a number: {value!r}") from None


def spoken_text(kind: str, value: object, language: str, currency: str) -> str:
    if kind == "digits":
        return " ".join(ch for ch in to_text(value) if not ch.isspace())
    if kind == "number":
        return format(_as_decimal(value).normalize(), "f")
    if kind == "money":
        amount = _as_decimal(value).quantize(Decimal("0.01"))
        whole, cents = int(amount), int((amount - int(amount)) * 100)
        major, minor = CURRENCY_WORDS[language][currency]
        text = f"{whole} {plural(whole, major, language)}"
        return text + (f" {cents} {plural(cents, minor, language)}" if cents else "")
    moment = _as_datetime(value)
    day = f"{moment.day} {MONTHS[language][moment.month - 1]} {moment.year}" if language == "ru" else \
        f"{MONTHS[language][moment.month - 1]} {moment.day}, {moment.year}"
    clock = f"{moment.hour}:{moment.minute:02d}"
    return {"date": day, "time": clock, "datetime": f"{day}, {clock}"}[kind]


async def execute(params: SayNode, ctx: CallContext) -> str:
    value = ctx.evaluate(params.value)
    text = spoken_text(params.kind, value, params.language, params.currency)
    await ctx.channel.play([await ctx.services.speak(text, params.language, None)])
    return "done"
