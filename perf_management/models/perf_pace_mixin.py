from odoo import models
from odoo.exceptions import UserError

from ..tools.pace import PACE_STATUSES


class PerfPaceMixin(models.AbstractModel):
    """What indicators and objectives share about their pace: a
    ``pace_status`` (ahead, on track, behind) that depends on today, so is not
    stored, and its search."""

    _name = "perf.pace.mixin"
    _description = "Pace of a Performance Figure"

    def _search_by_pace_status(self, operator, value, domain):
        """Domain of the records whose ``pace_status`` is (or is not)
        ``value``, computed on the records of ``domain`` (those that may have
        a pace) that the user reads, as of the day the context says."""
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(
                self.env._("Search the pace with is, is not, is in or is not in.")
            )
        values = set(value) if operator in ("in", "not in") else {value}
        if not values <= {False, *dict(PACE_STATUSES)}:
            raise UserError(
                self.env._("Search the pace for ahead, on track or behind.")
            )
        records = self.search([] if False in values else domain)
        ids = records.filtered(lambda record: record.pace_status in values).ids
        return [("id", "in" if operator in ("=", "in") else "not in", ids)]
