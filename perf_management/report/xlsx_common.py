"""What the XLSX exports share: data sheets that a spreadsheet or a payroll
system reads as they are.

- A workbook is opened with :data:`WORKBOOK_OPTIONS`: its rows are streamed
  to a temporary file (``constant_memory``), so that a sheet of 100,000 rows
  takes no more memory than a sheet of 10, and no text ever becomes a
  formula, a link or a number.
- A :class:`DataSheet` has one header row, frozen, with an autofilter over
  the data, column widths set and no merged cell. Its :class:`Column` are
  typed (:data:`KIND_FORMATS`): each value is one typed cell, text always
  with ``write_string`` (a name a user typed that starts with ``=``, ``+``,
  ``-`` or ``@`` stays text), numbers with ``write_number`` and a number
  format, percentages given in percent (85.0) as 0.85 with a % format,
  dates with ``write_datetime``, flags as booleans. No value (``None``, or
  ``False`` out of a boolean column) is an empty cell, never 0.
- A value may carry a fill of its own (:class:`Cell`, e.g. a KPI's band);
  :meth:`DataSheet.add_bands` colours a column by thresholds with
  conditional formats, which follow a value edited in the file.
- :func:`write_parameters` writes the sheet saying how the file was made.

Rows are written one after the other, as ``constant_memory`` requires.
"""

import datetime
import math
from collections import namedtuple

from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import fields

#: Options of the exports' workbooks: rows streamed to a temporary file, and
#: even a plain ``write`` turns no text into a formula, a link or a number.
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}

TEXT = "text"
INTEGER = "integer"
#: A plain number, as a payroll system reads it (1500.5).
NUMBER = "number"
#: A number with thousands separators, for people (1,500.50).
GROUPED = "grouped"
#: A percentage given in percent (85.0): written as 0.85 with a % format.
PERCENT = "percent"
DATE = "date"
DATETIME = "datetime"
BOOLEAN = "boolean"

#: Kinds of column and the xlsxwriter format properties of their cells.
KIND_FORMATS = {
    TEXT: None,
    INTEGER: {"num_format": "0"},
    NUMBER: {"num_format": "0.00"},
    GROUPED: {"num_format": "#,##0.00"},
    PERCENT: {"num_format": "0.0%"},
    DATE: {"num_format": "yyyy-mm-dd"},
    DATETIME: {"num_format": "yyyy-mm-dd hh:mm:ss"},
    BOOLEAN: None,
}
HEADER_FORMAT = {"bold": True, "bg_color": "#D9E1F2", "bottom": 1, "text_wrap": True}
#: Widths (in characters) a column keeps between, whatever its values.
MIN_WIDTH, MAX_WIDTH = 8, 60
#: Widths of the kinds whose cells have a bounded length.
KIND_WIDTHS = {
    INTEGER: 10,
    NUMBER: 12,
    GROUPED: 14,
    PERCENT: 11,
    DATE: 11,
    DATETIME: 19,
    BOOLEAN: 10,
}

#: Fills of the bands, Excel's own good / neutral / bad styles.
GOOD = {"bg_color": "#C6EFCE", "font_color": "#006100"}
NEUTRAL = {"bg_color": "#FFEB9C", "font_color": "#9C5700"}
BAD = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}

#: A value with a style of its own (a band's fill), e.g. ``Cell(90.0, GOOD)``.
Cell = namedtuple("Cell", ["value", "style"])


class Column(namedtuple("Column", ["label", "kind", "width"])):
    """A column of a data sheet: its header, the kind of its values (a key
    of :data:`KIND_FORMATS`) and, optionally, its width (else what its kind
    or its longest text needs)."""

    __slots__ = ()

    def __new__(cls, label, kind=TEXT, width=None):
        if kind not in KIND_FORMATS:
            raise ValueError(f"Unknown column kind {kind!r}")
        return super().__new__(cls, label, kind, width)


class Formats:
    """The cell formats of a workbook, each made once: ``header``, the format
    of each kind (``kinds``, ``None`` for the default one) and, with
    :meth:`get`, a kind's format with a style (fill, alignment) on top."""

    def __init__(self, workbook):
        self.workbook = workbook
        self._cache = {}
        self.header = workbook.add_format(HEADER_FORMAT)
        self.kinds = {kind: self.get(kind) for kind in KIND_FORMATS}

    def get(self, kind=TEXT, style=None):
        key = (kind, tuple(sorted((style or {}).items())))
        if key not in self._cache:
            properties = dict(KIND_FORMATS.get(kind) or {}, **(style or {}))
            self._cache[key] = (
                self.workbook.add_format(properties) if properties else None
            )
        return self._cache[key]


def cell_writer(sheet, kind, cell_format=None):
    """The function writing a value (not an empty one) of ``kind`` at
    ``(row, col)`` of ``sheet``, with ``cell_format``."""
    if kind == TEXT:
        return lambda row, col, value: sheet.write_string(
            row, col, value if isinstance(value, str) else str(value), cell_format
        )
    if kind == PERCENT:
        return number_writer(sheet, cell_format, scale=100.0)
    if kind in (DATE, DATETIME):
        return lambda row, col, value: sheet.write_datetime(
            row, col, value, cell_format
        )
    if kind == BOOLEAN:
        return lambda row, col, value: sheet.write_boolean(
            row, col, bool(value), cell_format
        )
    return number_writer(sheet, cell_format)


def number_writer(sheet, cell_format=None, scale=1.0):
    """The function writing a number at ``(row, col)`` of ``sheet``, divided
    by ``scale``. A value that is not finite (NaN, infinity: no figure can
    be, but a file must never fail on one) leaves its cell empty."""
    write_number = sheet.write_number
    isfinite = math.isfinite
    if scale == 1.0:

        def write(row, col, value):
            if isfinite(value):
                write_number(row, col, value, cell_format)

    else:

        def write(row, col, value):
            if isfinite(value):
                write_number(row, col, value / scale, cell_format)

    return write


def is_empty(value, kind):
    """Whether ``value`` leaves its cell empty: ``None``, or ``False`` (an
    empty Odoo field) out of a boolean column."""
    return value is None or (value is False and kind != BOOLEAN)


class DataSheet:
    """A worksheet of typed rows under one frozen, filtered header row.

    ``write_row(values)`` writes the next row, one value per column (a
    :class:`Cell` for a value with a style of its own); ``close()`` sets the
    widths and the autofilter once every row is written;
    ``add_bands(col, bands)`` colours a column by thresholds.
    """

    def __init__(self, workbook, name, columns, formats=None):
        self.sheet = workbook.add_worksheet(sheet_name(name))
        self.columns = list(columns)
        self.formats = formats or Formats(workbook)
        self.row = 0
        self._widths = [len(column.label) for column in self.columns]
        self._writers = [self._writer(column) for column in self.columns]
        self._false_is_empty = [column.kind != BOOLEAN for column in self.columns]
        for col, column in enumerate(self.columns):
            self.sheet.write_string(0, col, column.label, self.formats.header)
        self.sheet.freeze_panes(1, 0)

    def _writer(self, column):
        """The function writing one value of ``column`` at (row, col): that
        of its kind, measuring its text when its width is not set."""
        if column.kind != TEXT or column.width is not None:
            return cell_writer(self.sheet, column.kind, self.formats.kinds[column.kind])
        write_string = self.sheet.write_string
        widths = self._widths

        def write_text(row, col, value):
            text = value if isinstance(value, str) else str(value)
            write_string(row, col, text)
            if len(text) > widths[col]:
                widths[col] = len(text)

        return write_text

    def write_row(self, values):
        """Write the next row: one value per column, ``None`` (or ``False``
        out of a boolean column) leaving its cell empty."""
        if len(values) != len(self.columns):
            raise ValueError(
                f"{len(values)} values for the {len(self.columns)} columns of "
                f"{self.sheet.name!r}"
            )
        self.row += 1
        row = self.row
        writers = self._writers
        false_is_empty = self._false_is_empty
        for col, value in enumerate(values):
            if value is None or (value is False and false_is_empty[col]):
                continue
            if value.__class__ is Cell:
                self._write_styled(row, col, *value)
            else:
                writers[col](row, col, value)

    def _write_styled(self, row, col, value, style):
        kind = self.columns[col].kind
        if is_empty(value, kind):
            return
        cell_writer(self.sheet, kind, self.formats.get(kind, style))(row, col, value)
        if kind == TEXT:
            self._widths[col] = max(self._widths[col], len(str(value)))

    def write_rows(self, rows):
        for values in rows:
            self.write_row(values)

    def close(self):
        """Set the widths and the autofilter; the last row written (0
        without rows)."""
        for col, column in enumerate(self.columns):
            width = column.width or KIND_WIDTHS.get(column.kind)
            width = max(width or 0, self._widths[col] + 2)
            self.sheet.set_column(col, col, min(max(width, MIN_WIDTH), MAX_WIDTH))
        self.sheet.autofilter(0, 0, self.row, len(self.columns) - 1)
        return self.row

    def add_bands(self, col, bands):
        """Colour the values of column ``col`` by thresholds, as conditional
        formats: ``bands`` are ``(lower bound, style)`` pairs, highest first,
        in the column's units (percent for a percentage); an empty cell stays
        uncoloured. Call it once the rows are written."""
        if self.row < 1:
            return
        cell = xl_rowcol_to_cell(1, col)
        scale = 100.0 if self.columns[col].kind == PERCENT else 1
        upper = None
        for lower, style in bands:
            bound = lower / scale
            criteria = f"ISNUMBER({cell}),{cell}>={bound}"
            if upper is not None:
                criteria += f",{cell}<{upper}"
            self.sheet.conditional_format(
                1,
                col,
                self.row,
                col,
                {
                    "type": "formula",
                    "criteria": f"=AND({criteria})",
                    "format": self.formats.get("band", style),
                },
            )
            upper = bound


def value_kind(value):
    """The kind of a value by its Python type."""
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, int):
        return INTEGER
    if isinstance(value, float):
        return NUMBER
    if isinstance(value, datetime.datetime):
        return DATETIME
    if isinstance(value, datetime.date):
        return DATE
    return TEXT


def write_parameters(workbook, name, items, formats=None, headers=None):
    """The sheet that explains the file: one row per ``(label, value)`` of
    ``items`` (who exported, when, what), each value typed by its Python
    type (``None`` or ``False``: an empty cell); ``headers`` (the labels of
    the two columns) add a frozen header row."""
    formats = formats or Formats(workbook)
    sheet = workbook.add_worksheet(sheet_name(name))
    first = 0
    if headers:
        for col, label in enumerate(headers):
            sheet.write_string(0, col, label, formats.header)
        sheet.freeze_panes(1, 0)
        first = 1
    label_format = formats.get(TEXT, {"bold": True})
    width = MIN_WIDTH
    for row, (label, value) in enumerate(items, start=first):
        sheet.write_string(row, 0, label, label_format)
        width = max(width, len(label) + 2)
        if value is None or value is False:
            continue
        kind = value_kind(value)
        write = cell_writer(sheet, kind, formats.get(kind, {"align": "left"}))
        write(row, 1, value)
    sheet.set_column(0, 0, min(width, MAX_WIDTH))
    sheet.set_column(1, 1, MAX_WIDTH)
    return sheet


def export_items(env, title):
    """The first rows of a Parameters sheet: what the file is, who exported
    it, when (in their time zone) and from which companies."""
    _ = env._
    tz_now = fields.Datetime.context_timestamp(env.user, fields.Datetime.now())
    return [
        (_("Export"), title),
        (_("Exported by"), env.user.name),
        (_("Exported on"), tz_now.replace(tzinfo=None)),
        (_("Companies"), ", ".join(env.companies.mapped("name"))),
    ]


def sheet_name(text, fallback="Sheet"):
    """A valid sheet name from ``text`` (a department name a user typed):
    without the characters Excel refuses, at most 31 characters. The
    workbook of ``report_xlsx`` numbers duplicates."""
    name = str(text or "")
    for char in "[]:*?/\\":
        name = name.replace(char, "-")
    name = name.strip().strip("'")
    return name[:31] or fallback


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
