from odoo import api, fields, models


class PerfAppraisalCalibrateWizard(models.TransientModel):
    """Move the rating of an appraisal in calibration, with a reason; shows
    the distribution that results and whether it breaks the target."""

    _name = "perf.appraisal.calibrate.wizard"
    _description = "Calibrate a Rating"
    _inherit = ["perf.input.mixin"]

    appraisal_id = fields.Many2one("perf.appraisal", required=True, readonly=True)
    company_id = fields.Many2one(related="appraisal_id.company_id")
    current_band_id = fields.Many2one(
        "perf.rating.band",
        string="Current Rating",
        compute="_compute_earned_band_id",
    )
    earned_band_id = fields.Many2one(
        "perf.rating.band",
        string="Earned by the Score",
        compute="_compute_earned_band_id",
    )
    scale_band_ids = fields.Many2many(
        "perf.rating.band", compute="_compute_earned_band_id"
    )
    band_id = fields.Many2one(
        "perf.rating.band",
        string="New Rating",
        required=True,
        domain="[('id', 'in', scale_band_ids)]",
    )
    reason = fields.Text(required=True)
    breaks_target = fields.Boolean(compute="_compute_distribution")
    broken_description = fields.Char(compute="_compute_distribution")
    distribution_html = fields.Html(compute="_compute_distribution", sanitize=False)
    accept_break = fields.Boolean(
        string="Keep it although it breaks the target distribution"
    )

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards:
            wizard.appraisal_id._ensure_calibrator()
        return wizards

    def _get_calibrated(self):
        """The appraisal the wizard calibrates, if the user may calibrate
        it: nothing of it is shown otherwise (an administrator's own
        rating, for one)."""
        self.ensure_one()
        # In the form the appraisal is a new record: count the real one.
        appraisal = self.appraisal_id._origin
        return appraisal._get_administered() if appraisal else appraisal

    @api.depends("appraisal_id")
    @api.depends_context("uid")
    def _compute_earned_band_id(self):
        for wizard in self:
            appraisal = wizard._get_calibrated()
            scale = appraisal._get_scale() if appraisal else False
            wizard.scale_band_ids = scale.band_ids if scale else False
            wizard.earned_band_id = appraisal._get_earned_band() if scale else False
            wizard.current_band_id = appraisal.sudo().rating_band_id

    @api.depends("appraisal_id", "band_id")
    @api.depends_context("uid")
    def _compute_distribution(self):
        for wizard in self:
            appraisal, band = wizard._get_calibrated(), wizard.band_id._origin
            if not appraisal or not band:
                wizard.breaks_target = False
                wizard.broken_description = False
                wizard.distribution_html = False
                continue
            broken = appraisal._get_broken_bands(band)
            wizard.breaks_target = bool(broken)
            wizard.broken_description = appraisal._describe_broken(broken)
            wizard.distribution_html = self.env["ir.qweb"]._render(
                "perf_management.perf_appraisal_distribution",
                {"rows": appraisal._get_distribution_rows(band)},
            )

    def action_confirm(self):
        self.ensure_one()
        self.appraisal_id._calibrate(
            self.band_id, self.reason, accept_break=self.accept_break
        )
        return {"type": "ir.actions.act_window_close"}
