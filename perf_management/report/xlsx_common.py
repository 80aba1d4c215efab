"""What the XLSX exports share: data sheets a spreadsheet or a payroll
system reads as they are.

A data sheet has one header row, frozen, with an autofilter over the data
and column widths set; no merged cell. Each value is written in one typed
cell: text with ``write_string`` (so that a name starting with ``=``, ``+``,
``-`` or ``@`` stays text and never becomes a formula), numbers with
``write_number`` and a number format, dates with ``write_datetime`` and a
date format, flags as booleans. An empty value (``None`` or ``False``) is
an empty cell, never 0.

Sheets are written row after row, so that a workbook in ``constant_memory``
mode (see :data:`WORKBOOK_OPTIONS`) streams its rows to disk instead of
keeping them in memory.
"""

import datetime

#: Workbook options of the exports: rows are streamed to a temporary file.
WORKBOOK_OPTIONS = {"constant_memory": True}

#: Kinds of column and the xlsxwriter format properties of their cells.
KIND_FORMATS = {
    "text": None,
    "number": {"num_format": "0.00"},
    "integer": {"num_format": "0"},
    "date": {"num_format": "yyyy-mm-dd"},
    "datetime": {"num_format": "yyyy-mm-dd hh:mm:ss"},
    "boolean": None,
}
HEADER_FORMAT = {"bold": True, "bottom": 1}
#: Widths (in characters) a column keeps between, whatever its values.
MIN_WIDTH, MAX_WIDTH = 8, 60
#: Widths of the kinds whose cells have a fixed length.
KIND_WIDTHS = {"date": 11, "datetime": 19, "boolean": 10, "integer": 10, "number": 12}


class Column:
    """A column of a data sheet: its header, the kind of its values and,
    optionally, its width (else the width of its longest value)."""

    __slots__ = ("label", "kind", "width")

    def __init__(self, label, kind="text", width=None):
        if kind not in KIND_FORMATS:
            raise ValueError(f"Unknown column kind {kind!r}")
        self.label = label
        self.kind = kind
        self.width = width


class XlsxFormats:
    """The cell formats of a workbook, created once per workbook."""

    def __init__(self, workbook):
        self.header = workbook.add_format(HEADER_FORMAT)
        self.kinds = {
            kind: workbook.add_format(props) if props else None
            for kind, props in KIND_FORMATS.items()
        }


class DataSheet:
    """A worksheet of typed rows under one frozen, filtered header row.

    ``write_row(values)`` writes the next row, one value per column, with the
    writer of the column's kind; ``close()`` sets the widths and the
    autofilter once every row is written.
    """

    def __init__(self, workbook, name, columns, formats=None):
        self.sheet = workbook.add_worksheet(name)
        self.columns = list(columns)
        self.formats = formats or XlsxFormats(workbook)
        self.row = 0
        self._widths = [len(column.label) for column in self.columns]
        self._writers = [self._writer(column) for column in self.columns]
        self._false_is_empty = [column.kind != "boolean" for column in self.columns]
        for col, column in enumerate(self.columns):
            self.sheet.write_string(0, col, column.label, self.formats.header)
        self.sheet.freeze_panes(1, 0)

    def _writer(self, column):
        """The function writing one value of ``column`` at (row, col)."""
        sheet = self.sheet
        cell_format = self.formats.kinds[column.kind]
        if column.kind == "text":
            widths = self._widths
            track = column.width is None

            def write_text(row, col, value):
                text = value if isinstance(value, str) else str(value)
                sheet.write_string(row, col, text)
                if track and len(text) > widths[col]:
                    widths[col] = len(text)

            return write_text
        if column.kind in ("number", "integer"):
            return lambda row, col, value: sheet.write_number(
                row, col, value, cell_format
            )
        if column.kind in ("date", "datetime"):
            return lambda row, col, value: sheet.write_datetime(
                row, col, value, cell_format
            )
        return lambda row, col, value: sheet.write_boolean(row, col, bool(value))

    def write_row(self, values):
        """Write the next row: one value per column, ``None`` (or ``False``
        out of a boolean column) leaving its cell empty."""
        self.row += 1
        row = self.row
        for col, value in enumerate(values):
            if value is None or (value is False and self._false_is_empty[col]):
                continue
            self._writers[col](row, col, value)

    def close(self):
        for col, column in enumerate(self.columns):
            width = column.width or KIND_WIDTHS.get(column.kind)
            width = max(width or 0, self._widths[col] + 2)
            self.sheet.set_column(col, col, min(max(width, MIN_WIDTH), MAX_WIDTH))
        self.sheet.autofilter(0, 0, max(self.row, 1), len(self.columns) - 1)


def write_parameters(workbook, name, parameters, formats=None):
    """A sheet of (label, value) lines saying how the export was made; values
    are typed as in a data sheet (text, number, date or datetime)."""
    formats = formats or XlsxFormats(workbook)
    sheet = workbook.add_worksheet(name)
    width = MIN_WIDTH
    for row, (label, value) in enumerate(parameters):
        sheet.write_string(row, 0, label, formats.header)
        width = max(width, len(label) + 2)
        if value is None or value is False:
            continue
        if isinstance(value, bool):
            sheet.write_boolean(row, 1, value)
        elif isinstance(value, int | float):
            sheet.write_number(row, 1, value)
        elif isinstance(value, datetime.datetime):
            sheet.write_datetime(row, 1, value, formats.kinds["datetime"])
        elif isinstance(value, datetime.date):
            sheet.write_datetime(row, 1, value, formats.kinds["date"])
        else:
            sheet.write_string(row, 1, str(value))
    sheet.set_column(0, 0, min(width, MAX_WIDTH))
    sheet.set_column(1, 1, MAX_WIDTH)
    return sheet
