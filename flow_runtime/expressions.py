"""Safe expressions and {{templates}} used in node parameters.

An expression is a small subset of Python syntax: literals, variables (call.*, contact.*,
flow.*, tenant.*), arithmetic, comparisons, `in`, and/or/not, `a if c else b` and a fixed set of
functions. It is never run by Python's eval(): compile_expression() parses it and rejects every
syntax element outside that subset (attribute access to anything but variable fields, method
calls, comprehensions, lambdas, names starting with "_"), then simpleeval walks the tree with
our operators. Dotted names look up dict keys only, never Python attributes, and every
intermediate value is size-checked, so no expression can reach Python internals, build a huge
value or run for long.

A template is text with {{expression}} placeholders: "Ваш долг {{contact.debt}} рублей".
"""

from __future__ import annotations

import ast
import functools
import math
import operator
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import simpleeval

NAMESPACES = ("call", "contact", "flow", "tenant")

# Variables the telephony runtime sets on every call; descriptions are for the editor.
CALL_VARIABLES: dict[str, dict[str, str]] = {
    "caller": {"en": "Caller number (A-number)", "ru": "Номер звонящего (номер А)"},
    "caller_name": {"en": "Caller name (Caller ID name)", "ru": "Имя звонящего (Caller ID)"},
    "dialed": {"en": "Dialed number (B-number)", "ru": "Набранный номер (номер Б)"},
    "channel": {"en": "Asterisk channel id", "ru": "Идентификатор канала Asterisk"},
    "direction": {"en": "inbound or outbound", "ru": "Направление: inbound (входящий) или outbound (исходящий)"},
    "started_at": {"en": "Call start time, ISO 8601", "ru": "Время начала вызова, ISO 8601"},
    "attempt": {"en": "Campaign attempt number, from 1", "ru": "Номер попытки вызова оповещения, с 1"},
    "last_dtmf": {"en": "Last key the caller pressed", "ru": "Последняя нажатая абонентом клавиша"},
}
TENANT_VARIABLES: dict[str, dict[str, str]] = {
    "id": {"en": "Organisation id", "ru": "Идентификатор организации"},
    "name": {"en": "Organisation name", "ru": "Название организации"},
    "timezone": {"en": "Organisation time zone (IANA)", "ru": "Часовой пояс организации (IANA)"},
}

MAX_EXPRESSION_LENGTH = 1000
MAX_EXPRESSION_NODES = 200  # syntax tree size; with no loops this bounds the evaluation steps
MAX_VALUE_LENGTH = 10_000  # characters of a string or items of a list, at every step
MAX_INT_BITS = 128  # ~10^38: any amount of money, phone number or date arithmetic fits
DEFAULT_TIME_LIMIT = 0.1  # seconds for one evaluate() or render_template()


class ExpressionError(ValueError):
    """An expression or template that cannot be compiled or evaluated; message in en and ru."""

    def __init__(self, en: str, ru: str) -> None:
        super().__init__(en)
        self.message = {"ru": ru, "en": en}


def to_text(value: Any) -> str:
    """How a value reads inside a template or in a text function."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 1500.0 reads "1500": matters for speech synthesis
    if isinstance(value, (list, tuple)):
        # Checked while joining: [long_text] * 10000 is a small list but a huge text.
        parts, length = [], 0
        for item in value:
            parts.append(to_text(item))
            length += len(parts[-1]) + 2
            if length > MAX_VALUE_LENGTH:
                raise _too_long()
        return ", ".join(parts)
    return str(value)


def _too_long() -> ExpressionError:
    return ExpressionError(
        f"Result too long (over {MAX_VALUE_LENGTH} characters or items)",
        f"Слишком длинный результат (больше {MAX_VALUE_LENGTH} символов или элементов)",
    )


def _check_size(value: Any) -> None:
    if isinstance(value, bool):
        return
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise ExpressionError("Number too large", "Слишком большое число")
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_VALUE_LENGTH:
        raise _too_long()


# --- functions ---------------------------------------------------------------------------


def _replace(text: Any, old: Any, new: Any) -> str:
    text, old, new = to_text(text), to_text(old), to_text(new)
    # Checked before replacing: replace("aaaa…", "a", "aaaa…") would grow quadratically.
    occurrences = len(text) + 1 if old == "" else text.count(old)
    if len(text) + occurrences * (len(new) - len(old)) > MAX_VALUE_LENGTH:
        raise _too_long()
    return text.replace(old, new)


def _substr(text: Any, start: int, length: int | None = None) -> str:
    text = to_text(text)
    return text[start:] if length is None else text[start : start + length]


def _round(number: float, digits: int = 0) -> float:
    if not -10 <= digits <= 10:
        raise ExpressionError("round(): digits must be between -10 and 10", "round(): число знаков от -10 до 10")
    return round(number, digits) if digits else round(number)


def _contains(container: Any, item: Any) -> bool:
    if container is None:
        return False  # a missing variable contains nothing
    if isinstance(container, str):
        return to_text(item) in container
    return item in container


@dataclass(frozen=True)
class _Function:
    implementation: Callable[..., Any]
    min_args: int
    max_args: int


FUNCTIONS: dict[str, _Function] = {
    "upper": _Function(lambda text: to_text(text).upper(), 1, 1),
    "lower": _Function(lambda text: to_text(text).lower(), 1, 1),
    "trim": _Function(lambda text: to_text(text).strip(), 1, 1),
    "len": _Function(lambda value: 0 if value is None else len(value), 1, 1),
    "str": _Function(to_text, 1, 1),
    "int": _Function(int, 1, 1),
    "float": _Function(float, 1, 1),
    "round": _Function(_round, 1, 2),
    "abs": _Function(abs, 1, 1),
    "min": _Function(min, 1, 10),
    "max": _Function(max, 1, 10),
    "contains": _Function(_contains, 2, 2),
    "startswith": _Function(lambda text, prefix: to_text(text).startswith(to_text(prefix)), 2, 2),
    "endswith": _Function(lambda text, suffix: to_text(text).endswith(to_text(suffix)), 2, 2),
    "replace": _Function(_replace, 3, 3),
    "substr": _Function(_substr, 2, 3),
}


_IMPLEMENTATIONS = {name: function.implementation for name, function in FUNCTIONS.items()}


# --- operators ---------------------------------------------------------------------------


def _multiply(left: Any, right: Any) -> Any:
    # Checked before multiplying: "a" * 10**9 must not allocate a gigabyte first.
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(times, int):
            if len(sequence) * times > MAX_VALUE_LENGTH:
                raise _too_long()
    return left * right


def _power(base: Any, exponent: Any) -> Any:
    # Checked before computing: 9 ** 387420489 would take minutes and gigabytes.
    if isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1 and exponent > 0:
        if exponent * math.log2(abs(base)) > MAX_INT_BITS:
            raise ExpressionError("Number too large", "Слишком большое число")
    result = base**exponent
    if isinstance(result, complex):  # (-8) ** 0.5
        raise ExpressionError("Not a real number", "Результат — не действительное число")
    return result


def _modulo(left: Any, right: Any) -> Any:
    if isinstance(left, str):  # "%999999999d" % 1 would build a huge string
        raise ExpressionError("% is only for numbers", "% применяется только к числам")
    return left % right


_BINARY_OPERATORS: dict[type[ast.AST], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: _multiply,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: _modulo,
    ast.Pow: _power,
}
_UNARY_OPERATORS: dict[type[ast.AST], Callable[[Any], Any]] = {
    ast.Not: operator.not_,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}
_COMPARISONS: dict[type[ast.AST], Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda item, container: _contains(container, item),
    ast.NotIn: lambda item, container: not _contains(container, item),
}
_OPERATORS = {**_BINARY_OPERATORS, **_UNARY_OPERATORS, **_COMPARISONS}


# --- compiling ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CompiledExpression:
    source: str
    tree: ast.expr
    variables: frozenset[str]  # dotted variable paths it reads, e.g. "contact.debt"


def compile_expression(source: str) -> CompiledExpression:
    """Parses and checks an expression once; ExpressionError explains what is wrong."""
    if not isinstance(source, str):
        raise ExpressionError("An expression must be text", "Выражение должно быть текстом")
    return _compile_expression(source)


@functools.lru_cache(maxsize=4096)
def _compile_expression(source: str) -> CompiledExpression:
    text = source.strip()
    if not text:
        raise ExpressionError("Empty expression", "Пустое выражение")
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(
            f"Expression longer than {MAX_EXPRESSION_LENGTH} characters",
            f"Выражение длиннее {MAX_EXPRESSION_LENGTH} символов",
        )
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError as exc:
        # Python reports offset 0 when the expression ends too early ("contact.debt >").
        if exc.offset:
            where_en, where_ru = f"at character {exc.offset}", f"символ {exc.offset}"
        else:
            where_en, where_ru = "at the end", "в конце"
        raise ExpressionError(
            f"Syntax error: {exc.msg} ({where_en})", f"Синтаксическая ошибка: {exc.msg} ({where_ru})"
        ) from None
    except (ValueError, RecursionError, MemoryError):
        raise ExpressionError("Expression too complex", "Слишком сложное выражение") from None
    if sum(1 for _ in ast.walk(tree)) > MAX_EXPRESSION_NODES:
        raise ExpressionError("Expression too complex", "Слишком сложное выражение")
    checker = _SafetyCheck()
    checker.visit(tree)
    return CompiledExpression(source, tree, frozenset(checker.variables))


def _not_allowed(what_en: str, what_ru: str) -> ExpressionError:
    return ExpressionError(f"Not allowed in expressions: {what_en}", f"В выражениях нельзя: {what_ru}")


def _check_name(name: str) -> None:
    if name.startswith("_"):
        raise _not_allowed(f"names starting with _ ({name})", f"имена, начинающиеся с _ ({name})")


class _SafetyCheck(ast.NodeVisitor):
    """Accepts only the supported subset and records the variables read."""

    def __init__(self) -> None:
        self.variables: set[str] = set()

    def generic_visit(self, node: ast.AST) -> None:
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            raise _not_allowed("comprehensions (loops)", "циклы и генераторы списков")
        if isinstance(node, ast.Lambda):
            raise _not_allowed("lambdas", "lambda-функции")
        if isinstance(node, ast.JoinedStr):
            raise _not_allowed("f-strings (use {{…}} templates)", "f-строки (используйте шаблоны {{…}})")
        raise _not_allowed(type(node).__name__, type(node).__name__)

    def visit_Constant(self, node: ast.Constant) -> None:
        if not isinstance(node.value, (str, int, float, bool, type(None))):
            raise _not_allowed(f"{type(node.value).__name__} literals", f"литералы {type(node.value).__name__}")

    def visit_Name(self, node: ast.Name) -> None:
        _check_name(node.id)
        if node.id in NAMESPACES:
            raise ExpressionError(f"Use a field: {node.id}.<name>", f"Укажите поле: {node.id}.<имя>")
        raise ExpressionError(
            f"Unknown name {node.id!r}; variables are call.*, contact.*, flow.*, tenant.*",
            f"Неизвестное имя {node.id!r}; переменные: call.*, contact.*, flow.*, tenant.*",
        )

    def visit_Attribute(self, node: ast.Attribute) -> None:
        _check_name(node.attr)
        path = _variable_path(node)
        if path is not None:
            self.variables.add(path)
            return
        base = node.value
        while isinstance(base, (ast.Attribute, ast.Subscript)):
            base = base.value
        if not (isinstance(base, ast.Name) and base.id in NAMESPACES):
            raise _not_allowed("attributes of anything but variables", "атрибуты чего-либо, кроме переменных")
        self.visit(node.value)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self.visit(node.value)
        self.visit(node.slice)

    def visit_Slice(self, node: ast.Slice) -> None:
        for part in (node.lower, node.upper, node.step):
            if part is not None:
                self.visit(part)

    def visit_Call(self, node: ast.Call) -> None:
        if not isinstance(node.func, ast.Name):
            raise _not_allowed(
                "method calls (use functions: upper(x))", "вызовы методов (используйте функции: upper(x))"
            )
        _check_name(node.func.id)
        function = FUNCTIONS.get(node.func.id)
        if function is None:
            raise ExpressionError(f"Unknown function {node.func.id!r}", f"Неизвестная функция {node.func.id!r}")
        if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args):
            raise _not_allowed("named and * arguments", "именованные аргументы и *")
        if not function.min_args <= len(node.args) <= function.max_args:
            raise ExpressionError(
                f"{node.func.id}() takes {function.min_args}–{function.max_args} arguments",
                f"{node.func.id}() принимает от {function.min_args} до {function.max_args} аргументов",
            )
        for arg in node.args:
            self.visit(arg)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        self._check_operator(node.op, _BINARY_OPERATORS)
        self.visit(node.left)
        self.visit(node.right)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        self._check_operator(node.op, _UNARY_OPERATORS)
        self.visit(node.operand)

    def visit_Compare(self, node: ast.Compare) -> None:
        for comparison in node.ops:
            self._check_operator(comparison, _COMPARISONS)
        self.visit(node.left)
        for comparator in node.comparators:
            self.visit(comparator)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        for value in node.values:
            self.visit(value)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        for part in (node.test, node.body, node.orelse):
            self.visit(part)

    def visit_List(self, node: ast.List) -> None:
        for element in node.elts:
            if isinstance(element, ast.Starred):
                raise _not_allowed("* unpacking", "распаковка *")
            self.visit(element)

    visit_Tuple = visit_List

    @staticmethod
    def _check_operator(symbol: ast.AST, allowed: Mapping[type[ast.AST], Any]) -> None:
        if type(symbol) not in allowed:
            raise _not_allowed(f"operator {type(symbol).__name__}", f"оператор {type(symbol).__name__}")


def _variable_path(node: ast.Attribute) -> str | None:
    """"contact.address.city" for a plain dotted variable; None when it goes through [..]."""
    parts: list[str] = []
    current: ast.expr = node
    while isinstance(current, ast.Attribute):
        _check_name(current.attr)
        parts.append(current.attr)
        current = current.value
    if isinstance(current, ast.Name) and current.id in NAMESPACES:
        return ".".join([current.id, *reversed(parts)])
    return None


# --- evaluating --------------------------------------------------------------------------


class _Evaluator(simpleeval.SimpleEval):
    """simpleeval with dict-only name resolution, a deadline and a size check at every step."""

    def __init__(self, variables: Mapping[str, Any], deadline: float) -> None:
        super().__init__(operators=_OPERATORS, functions=_IMPLEMENTATIONS, names={})
        self.nodes[ast.List] = self._eval_list
        self.nodes[ast.Tuple] = self._eval_list
        self._variables = variables
        self._deadline = deadline

    def _eval(self, node: ast.AST) -> Any:
        if time.monotonic() > self._deadline:
            raise ExpressionError("Evaluation took too long", "Вычисление заняло слишком много времени")
        result = super()._eval(node)
        _check_size(result)
        return result

    def _eval_name(self, node: ast.Name) -> Any:
        # Only namespaces reach here (compile_expression rejects other bare names).
        return self._variables.get(node.id) or {}

    def _eval_attribute(self, node: ast.Attribute) -> Any:
        container = self._eval(node.value)
        if container is None:
            return None  # a missing variable's fields are missing too
        if isinstance(container, Mapping):
            return container.get(node.attr)
        raise ExpressionError(
            f"{ast.unparse(node.value)} has no fields (it is {type(container).__name__})",
            f"У {ast.unparse(node.value)} нет полей (это {type(container).__name__})",
        )

    def _eval_subscript(self, node: ast.Subscript) -> Any:
        container = self._eval(node.value)
        key = self._eval(node.slice)
        if container is None:
            return None
        if isinstance(container, Mapping):
            return container.get(key) if isinstance(key, (str, int)) else None
        if isinstance(container, (str, list, tuple)) and isinstance(key, (int, slice)):
            try:
                return container[key]
            except IndexError:
                return None
        raise ExpressionError(
            f"Cannot take [{to_text(key)}] of {type(container).__name__}",
            f"Нельзя взять [{to_text(key)}] у {type(container).__name__}",
        )

    def _eval_list(self, node: ast.List | ast.Tuple) -> list[Any]:
        return [self._eval(element) for element in node.elts]


def evaluate(
    expression: str | CompiledExpression,
    variables: Mapping[str, Mapping[str, Any]],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> Any:
    """The value of an expression; `variables` maps each namespace to a dict of its values.

    A missing variable or field is None. Any failure raises ExpressionError.
    """
    compiled = expression if isinstance(expression, CompiledExpression) else compile_expression(expression)
    return _evaluate(compiled, variables, time.monotonic() + time_limit)


def _evaluate(compiled: CompiledExpression, variables: Mapping[str, Any], deadline: float) -> Any:
    try:
        return _Evaluator(variables, deadline).eval(compiled.source, previously_parsed=compiled.tree)
    except ExpressionError:
        raise
    except simpleeval.InvalidExpression as exc:
        raise ExpressionError(str(exc), f"Выражение не вычисляется: {exc}") from None
    except (TypeError, ValueError, ArithmeticError, RecursionError) as exc:
        raise ExpressionError(f"Cannot evaluate: {exc}", f"Выражение не вычисляется: {exc}") from None


def referenced_variables(source: str) -> set[str]:
    """Dotted variables an expression reads, e.g. {"contact.debt", "flow.confirmed"}."""
    return set(compile_expression(source).variables)


# --- templates ---------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)


@dataclass(frozen=True)
class CompiledTemplate:
    source: str
    parts: tuple[str | CompiledExpression, ...]  # literal text and placeholders, in order
    variables: frozenset[str]


def compile_template(text: str) -> CompiledTemplate:
    if not isinstance(text, str):
        raise ExpressionError("A template must be text", "Шаблон должен быть текстом")
    return _compile_template(text)


@functools.lru_cache(maxsize=4096)
def _compile_template(text: str) -> CompiledTemplate:
    parts: list[str | CompiledExpression] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.start() > position:
            parts.append(text[position : match.start()])
        try:
            parts.append(compile_expression(match.group(1)))
        except ExpressionError as exc:
            raise ExpressionError(
                f"In {match.group(0)}: {exc.message['en']}", f"В {match.group(0)}: {exc.message['ru']}"
            ) from None
        position = match.end()
    if "{{" in text[position:]:
        raise ExpressionError("Unclosed {{ (missing }})", "Незакрытая {{ (нет }})")
    if position < len(text):
        parts.append(text[position:])
    variables = frozenset().union(*(part.variables for part in parts if isinstance(part, CompiledExpression)))
    return CompiledTemplate(text, tuple(parts), variables)


def render_template(
    template: str | CompiledTemplate,
    variables: Mapping[str, Mapping[str, Any]],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> str:
    """The text with each {{expression}} replaced by its value (None renders as nothing)."""
    compiled = template if isinstance(template, CompiledTemplate) else compile_template(template)
    deadline = time.monotonic() + time_limit
    rendered = "".join(
        part if isinstance(part, str) else to_text(_evaluate(part, variables, deadline)) for part in compiled.parts
    )
    _check_size(rendered)
    return rendered


def template_variables(text: str) -> set[str]:
    """Dotted variables a template reads."""
    return set(compile_template(text).variables)
