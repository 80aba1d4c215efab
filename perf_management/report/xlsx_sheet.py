"""Data sheets of the XLSX exports, written with care.

Every value is one typed cell: numbers as numbers, percentages as numbers
with a % format, dates as dates, no value as an empty cell (never 0). Text
is always written as text (``write_string``): a name a user typed that
starts with ``=``, ``+``, ``-`` or ``@`` stays text, never a formula. A data
sheet has one header row, frozen, with an autofilter, set column widths and
no merged cells.
"""

import datetime
import re
from collections import namedtuple

from odoo import fields

#: Workbook options: even a plain ``write`` turns no text into a formula, a
#: link or a number.
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}

TEXT = "text"
INTEGER = "integer"
NUMBER = "number"
#: A percentage given in percent (85.0): written as 0.85 with a % format.
PERCENT = "percent"
DATE = "date"
DATETIME = "datetime"

_NUM_FORMATS = {
    INTEGER: "0",
    NUMBER: "#,##0.00",
    PERCENT: "0.0%",
    DATE: "yyyy-mm-dd",
    DATETIME: "yyyy-mm-dd hh:mm",
}
_WIDTHS = {INTEGER: 10, NUMBER: 14, PERCENT: 11, DATE: 12, DATETIME: 17}

#: Fills of the bands, Excel's own good / neutral / bad styles.
GOOD = {"bg_color": "#C6EFCE", "font_color": "#006100"}
NEUTRAL = {"bg_color": "#FFEB9C", "font_color": "#9C5700"}
BAD = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}

# What a cell holds at most, and what a sheet name may not contain.
MAX_TEXT = 32767
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

#: A column of a data sheet: its header, the kind of its values and,
#: optionally, its width (text columns fit their content otherwise).
Column = namedtuple("Column", ["label", "kind", "width"], defaults=[None])
#: A value with a style of its own (a band's fill), e.g. ``Cell(0.9, GOOD)``.
Cell = namedtuple("Cell", ["value", "style"])


class SelectionLabels:
    """The labels of selection values, in the user's language, looked up once
    per field: ``labels(record, "state")``."""

    def __init__(self, env):
        self.env = env
        self._cache = {}

    def __call__(self, record, fname):
        key = (record._name, fname)
        if key not in self._cache:
            field = record._fields[fname]
            self._cache[key] = dict(field._description_selection(self.env))
        return self._cache[key].get(record[fname]) or ""


class Formats:
    """The formats of a workbook, made once per kind and style."""

    def __init__(self, workbook):
        self.workbook = workbook
        self._cache = {}

    def get(self, kind=TEXT, style=None):
        key = (kind, tuple(sorted((style or {}).items())))
        if key not in self._cache:
            properties = dict(style or {})
            if kind in _NUM_FORMATS:
                properties["num_format"] = _NUM_FORMATS[kind]
            self._cache[key] = self.workbook.add_format(properties)
        return self._cache[key]

    def header(self):
        return self.get(
            "header", {"bold": True, "bg_color": "#D9E1F2", "bottom": 1, "text_wrap": 1}
        )


def sheet_name(text, fallback="Sheet"):
    """A valid sheet name from ``text`` (a department name a user typed):
    without the characters Excel refuses, at most 31 characters. The
    workbook of ``report_xlsx`` numbers duplicates."""
    name = _SHEET_FORBIDDEN.sub("-", str(text or "")).strip().strip("'")
    return name[:31] or fallback


def write_cell(sheet, row, col, value, kind, formats, style=None):
    """Write ``value`` as one cell of type ``kind``; ``None`` or ``False``
    (no value) leaves an empty cell with the column's format."""
    fmt = formats.get(kind, style)
    if value is None or value is False:
        sheet.write_blank(row, col, None, fmt)
    elif kind == TEXT:
        sheet.write_string(row, col, str(value)[:MAX_TEXT], fmt)
    elif kind in (DATE, DATETIME):
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time())
        sheet.write_datetime(row, col, value, fmt)
    elif kind == PERCENT:
        sheet.write_number(row, col, float(value) / 100.0, fmt)
    else:
        sheet.write_number(row, col, value, fmt)


def write_table(sheet, formats, columns, rows):
    """Write a data sheet: the header row (frozen, with an autofilter), one
    row per item of ``rows`` (lists of values or :class:`Cell`), and the
    column widths. Returns the index of the last data row (0 without rows)."""
    widths = [len(column.label) + 2 for column in columns]
    for col, column in enumerate(columns):
        sheet.write_string(0, col, column.label, formats.header())
    row = 0
    for row, values in enumerate(rows, start=1):
        for col, (column, value) in enumerate(zip(columns, values, strict=True)):
            style = None
            if isinstance(value, Cell):
                value, style = value
            write_cell(sheet, row, col, value, column.kind, formats, style)
            if column.kind == TEXT and value:
                widths[col] = max(widths[col], len(str(value)) + 2)
    for col, column in enumerate(columns):
        width = column.width or _WIDTHS.get(column.kind) or min(widths[col], 50)
        sheet.set_column(col, col, max(width, min(len(column.label) + 2, 30)))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, row, len(columns) - 1)
    return row


def add_threshold_formats(sheet, formats, col, last_row, thresholds, kind=PERCENT):
    """Colour the values of column ``col`` by thresholds, as conditional
    formats (they follow a value edited in the file): ``thresholds`` are
    ``(lower bound, style)`` pairs, highest first, in the column's units
    (percent for a percentage); an empty cell stays uncoloured."""
    if last_row < 1:
        return
    cell = f"{column_letter(col)}2"
    upper = None
    for lower, style in thresholds:
        bound = lower / 100.0 if kind == PERCENT else lower
        criteria = f"ISNUMBER({cell}),{cell}>={bound}"
        if upper is not None:
            criteria += f",{cell}<{upper}"
        sheet.conditional_format(
            1,
            col,
            last_row,
            col,
            {
                "type": "formula",
                "criteria": f"=AND({criteria})",
                "format": formats.get("band", style),
            },
        )
        upper = bound


def write_parameters(sheet, formats, headers, items):
    """The sheet that explains the file: a header row (``headers``: the
    labels of the two columns), then one row per ``(label, value, kind)`` of
    ``items`` (who exported, when, which period, which filters)."""
    columns = [Column(headers[0], TEXT), Column(headers[1], TEXT, 50)]
    for col, column in enumerate(columns):
        sheet.write_string(0, col, column.label, formats.header())
    for row, (label, value, kind) in enumerate(items, start=1):
        sheet.write_string(row, 0, label, formats.get(TEXT, {"bold": True}))
        write_cell(sheet, row, 1, value, kind, formats, {"align": "left"})
    sheet.set_column(0, 0, max([len(label) for label, _v, _k in items] + [10]) + 2)
    sheet.set_column(1, 1, 50)
    sheet.freeze_panes(1, 0)


def export_items(env, title):
    """The first rows of a Parameters sheet: what the file is, who exported
    it, when (in their time zone) and from which companies."""
    _ = env._
    tz_now = fields.Datetime.context_timestamp(env.user, fields.Datetime.now())
    return [
        (_("Export"), title, TEXT),
        (_("Exported by"), env.user.name, TEXT),
        (_("Exported on"), tz_now.replace(tzinfo=None), DATETIME),
        (_("Companies"), ", ".join(env.companies.mapped("name")), TEXT),
    ]


def column_letter(col):
    """The letter of a column index (0 is A)."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
