from odoo import fields, models


class PerfCheckin(models.Model):
    _inherit = "perf.checkin"

    milestone_id = fields.Many2one(
        "perf.okr.milestone",
        string="Milestone Reached",
        help="For a milestone key result: the step reached with this check-in.",
    )
    okr_score = fields.Float(
        string="OKR Score after",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
    )
    kr_type = fields.Selection(related="indicator_id.kr_type")
