"""Reading the domain of a KPI as plain values, never as code.

A KPI domain is typed by an administrator and read again by every nightly
computation, run by whoever runs it: it must not be able to run anything.
It is read from its syntax tree, as :func:`ast.literal_eval` does, with the
few more forms that domains commonly use:

* literals: numbers, texts, ``True``/``False``/``None``, lists and tuples;
* names the caller binds to plain values (for a KPI: ``company_id``,
  ``company_ids``, ``allowed_company_ids``);
* ``context_today()``, ``relativedelta(...)``, ``datetime.date(...)``,
  ``datetime.datetime(...)``, ``datetime.time(...)`` and
  ``datetime.timedelta(...)`` whose arguments are themselves plain values;
* ``+`` and ``-`` between numbers, dates and durations, a unary minus;
* ``.strftime(format)`` and ``.isoformat()`` on a date or a date-time.

Anything else (another name, an attribute, a call, a comprehension...) raises
:class:`DomainLiteralError` naming the refused form. No recordset, no
environment and no user id can be reached: none is ever bound.
"""

import ast
import datetime
import operator

from dateutil.relativedelta import relativedelta

#: Types a domain value may have.
PLAIN_TYPES = (
    str,
    int,
    float,
    bool,
    type(None),
    datetime.date,
    datetime.time,
    datetime.timedelta,
    relativedelta,
)
#: Callables a domain may call, by the dotted name it is written with.
CONSTRUCTORS = {
    "relativedelta": relativedelta,
    "datetime.date": datetime.date,
    "datetime.datetime": datetime.datetime,
    "datetime.time": datetime.time,
    "datetime.timedelta": datetime.timedelta,
}
#: Methods a domain may call on a date or a date-time.
DATE_METHODS = ("strftime", "isoformat")
BINARY_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub}
UNARY_OPERATORS = {ast.USub: operator.neg, ast.UAdd: operator.pos}


class DomainLiteralError(ValueError):
    """The text is not a domain of plain values.

    ``code`` is ``"syntax"`` (not Python at all) or ``"forbidden"`` (a form
    outside the ones above); ``detail`` names the refused form.
    """

    def __init__(self, code, detail=""):
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}")


def literal_domain(text, names=None, today=None):
    """Value of ``text`` (a domain) with ``names`` bound to plain values.

    ``today`` is what ``context_today()`` returns (a date; default: today).
    """
    names = dict(names or {})
    for name, value in names.items():
        if not _is_plain(value):
            raise TypeError(f"{name} must be bound to a plain value")
    try:
        tree = ast.parse((text or "").strip() or "[]", mode="eval")
    except (SyntaxError, ValueError) as error:
        raise DomainLiteralError("syntax", str(error)) from error
    reader = _Reader(names, today or datetime.date.today())
    return reader.value_of(tree.body)


def _is_plain(value):
    if isinstance(value, list | tuple):
        return all(_is_plain(item) for item in value)
    return isinstance(value, PLAIN_TYPES)


def _dotted_name(node):
    """``"a.b.c"`` for a chain of names, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


class _Reader:
    def __init__(self, names, today):
        self.names = names
        self.today = today

    def value_of(self, node):
        method = getattr(self, f"_read_{type(node).__name__}", None)
        if method is None:
            raise DomainLiteralError("forbidden", ast.unparse(node))
        value = method(node)
        if not _is_plain(value):
            raise DomainLiteralError("forbidden", ast.unparse(node))
        return value

    def _read_Constant(self, node):
        return node.value

    def _read_List(self, node):
        return [self.value_of(item) for item in node.elts]

    def _read_Tuple(self, node):
        return tuple(self.value_of(item) for item in node.elts)

    def _read_Name(self, node):
        if node.id not in self.names:
            raise DomainLiteralError("forbidden", node.id)
        return self.names[node.id]

    def _read_UnaryOp(self, node):
        function = UNARY_OPERATORS.get(type(node.op))
        operand = self.value_of(node.operand)
        if function is None or not isinstance(operand, int | float):
            raise DomainLiteralError("forbidden", ast.unparse(node))
        return function(operand)

    def _read_BinOp(self, node):
        function = BINARY_OPERATORS.get(type(node.op))
        if function is None:
            raise DomainLiteralError("forbidden", ast.unparse(node))
        left, right = self.value_of(node.left), self.value_of(node.right)
        if isinstance(left, str | list | tuple) or isinstance(
            right, str | list | tuple
        ):
            raise DomainLiteralError("forbidden", ast.unparse(node))
        try:
            return function(left, right)
        except (TypeError, ValueError, OverflowError) as error:
            raise DomainLiteralError("forbidden", ast.unparse(node)) from error

    def _read_Call(self, node):
        name = _dotted_name(node.func)
        args = [self.value_of(arg) for arg in node.args]
        if any(keyword.arg is None for keyword in node.keywords):
            raise DomainLiteralError("forbidden", ast.unparse(node))
        kwargs = {
            keyword.arg: self.value_of(keyword.value) for keyword in node.keywords
        }
        if name == "context_today" and not args and not kwargs:
            return self.today
        function = CONSTRUCTORS.get(name)
        if function is None:
            function = self._date_method(node)
        try:
            return function(*args, **kwargs)
        except (TypeError, ValueError, OverflowError) as error:
            raise DomainLiteralError("forbidden", ast.unparse(node)) from error

    def _date_method(self, node):
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr not in DATE_METHODS:
            raise DomainLiteralError("forbidden", ast.unparse(func))
        target = self.value_of(func.value)
        if not isinstance(target, datetime.date | datetime.time):
            raise DomainLiteralError("forbidden", ast.unparse(func))
        return getattr(target, func.attr)
