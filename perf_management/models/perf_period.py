from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class PerfPeriod(models.Model):
    """A year, quarter or month of a performance cycle.

    The periods of a cycle form one tree (year > quarters > months) so that
    "every objective of the year" is a ``child_of`` search on the year.
    """

    _name = "perf.period"
    _description = "Performance Period"
    _inherit = ["perf.input.mixin"]
    _parent_store = True
    # At equal start dates the longer period (the year, then the quarter) first.
    _order = "date_start, date_end desc, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    cycle_id = fields.Many2one(
        "perf.cycle", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="cycle_id.company_id", store=True, index=True, precompute=True
    )
    parent_id = fields.Many2one(
        "perf.period",
        string="Parent Period",
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    child_ids = fields.One2many("perf.period", "parent_id", string="Sub-periods")
    parent_path = fields.Char(index=True)
    period_type = fields.Selection(
        [("year", "Year"), ("quarter", "Quarter"), ("month", "Month")],
        string="Type",
        required=True,
    )
    date_start = fields.Date(string="Start Date", required=True)
    date_end = fields.Date(string="End Date", required=True)
    state = fields.Selection(
        [("open", "Open"), ("locked", "Locked")],
        required=True,
        default="open",
        help="A period is locked once its appraisal is done: the weights, "
        "targets, actual values and task states of its objectives are frozen.",
    )

    @api.constrains("date_start", "date_end", "parent_id")
    def _check_dates(self):
        for period in self:
            if period.date_start > period.date_end:
                raise ValidationError(
                    self.env._(
                        "Period %(period)s ends before it starts. Enter an end "
                        "date after the start date.",
                        period=period.name,
                    )
                )
            parent = period.parent_id
            if parent and not (
                parent.date_start <= period.date_start
                and period.date_end <= parent.date_end
            ):
                raise ValidationError(
                    self.env._(
                        "Period %(period)s must lie within its parent period "
                        "%(parent)s.",
                        period=period.name,
                        parent=parent.name,
                    )
                )

    @api.constrains("parent_id")
    def _check_parent_loop(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._(
                    "A period cannot be its own sub-period. Choose another parent."
                )
            )

    def _ensure_open(self):
        """Raise when a period of ``self`` is locked.

        Called before any change of weights, targets, actual values or task
        states of objectives, indicators and tasks of these periods.
        """
        locked = self.sudo().filtered(lambda period: period.state == "locked")
        if locked:
            raise UserError(
                self.env._(
                    "The period %(periods)s is locked because its appraisal is "
                    "done: weights, targets, actual values and task states can no "
                    "longer change. Ask a performance administrator to reopen the "
                    "period first.",
                    periods=", ".join(locked.mapped("name")),
                )
            )

    def action_lock(self):
        """Lock the periods and all their sub-periods."""
        periods = self.search([("id", "child_of", self.ids)])
        periods.write({"state": "locked"})
        return True

    def action_reopen(self):
        """Reopen the periods and their sub-periods; their parents must be open."""
        parents = self.parent_id - self
        locked_parents = parents.filtered(lambda period: period.state == "locked")
        if locked_parents:
            raise UserError(
                self.env._(
                    "Reopen the parent period %(parents)s first: a sub-period "
                    "cannot be open inside a locked period.",
                    parents=", ".join(locked_parents.mapped("name")),
                )
            )
        periods = self.search([("id", "child_of", self.ids)])
        periods.write({"state": "open"})
        return True

    def action_open_objectives(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_management.perf_objective_action"
        )
        action["domain"] = [("period_id", "child_of", self.id)]
        action["context"] = {"default_period_id": self.id}
        return action
