"""Sort keys that order records as the database will, new records included.

A form's onchange works on new records (their ids are ``NewId``, which Python
does not order): a sort on ``record.id`` fails as soon as two records tie on
the rest of the key. :func:`creation_key` orders saved records by id and new
ones after them, in their order (they will be saved with higher ids).
"""


def creation_key(record):
    """Key ordering ``record`` by creation: saved records (or new records
    editing a saved one) by id, then records not saved yet."""
    origin_id = record._origin.id
    return (0, origin_id) if origin_id else (1, 0)
