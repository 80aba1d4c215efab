"""How figures are shown in small spaces (cards, hierarchy boxes)."""

_SCALES = ((1e9, "B"), (1e6, "M"), (1e3, "k"))


def compact_number(value):
    """``7630000`` as ``7.63 M``, ``12000000`` as ``12 M``, ``85.5`` as
    ``85.5``: at most two decimals, no trailing zeros."""
    value = float(value or 0.0)
    suffix = ""
    for scale, unit in _SCALES:
        if abs(value) >= scale:
            value, suffix = value / scale, f" {unit}"
            break
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{'0' if text == '-0' else text}{suffix}"


#: Characters that file systems or browsers refuse in a file name.
_FILENAME_REFUSED = '/\\:*?"<>|'


def export_filename(parts, day, extension="xlsx"):
    """The name of an exported file: its non-empty ``parts`` (what the file
    is, the company, the campaign or period) and ``day`` (a date, as
    YYYY-MM-DD), joined by " - ", e.g. ``Payroll - Acme - Q1 2026 - 2026-04-05.xlsx``.
    Characters that file systems refuse become "-"."""
    words = [str(part).strip() for part in parts if part and str(part).strip()]
    words.append(day.isoformat())
    name = " - ".join(words)
    for char in _FILENAME_REFUSED:
        name = name.replace(char, "-")
    return f"{name}.{extension}"
