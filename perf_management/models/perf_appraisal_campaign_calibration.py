from odoo import api, fields, models
from odoo.exceptions import AccessError


class PerfAppraisalCampaign(models.Model):
    """Calibration of a campaign: the distribution of its ratings, for the
    whole campaign and by department (where the employee stood when
    appraised), against the target shares of the company's rating scale.
    Cancelled and not yet rated appraisals do not count.

    Administrators only: the figures are everybody's ratings.
    """

    _inherit = "perf.appraisal.campaign"

    calibration_html = fields.Html(
        string="Calibration", compute="_compute_calibration", sanitize=False
    )
    is_target_broken = fields.Boolean(
        string="Target Distribution Broken",
        compute="_compute_calibration",
        help="A band's share of the campaign's ratings exceeds its target share.",
    )
    calibration_count = fields.Integer(
        string="To Close", compute="_compute_calibration_count"
    )

    def _is_admin(self):
        return self.env.su or self.env.user.has_group(
            "perf_management.group_perf_admin"
        )

    @api.depends_context("uid")
    @api.depends("appraisal_ids.rating_band_id", "appraisal_ids.state")
    def _compute_calibration(self):
        is_admin = self._is_admin()
        for campaign in self:
            values = campaign._get_calibration_values() if is_admin else None
            campaign.is_target_broken = bool(
                values and any(cell["over"] for cell in values["total"]["cells"])
            )
            campaign.calibration_html = (
                self.env["ir.qweb"]._render(
                    "perf_management.perf_appraisal_campaign_calibration", values
                )
                if values
                else False
            )

    @api.depends("appraisal_ids.state")
    def _compute_calibration_count(self):
        for campaign in self:
            campaign.calibration_count = len(
                campaign.appraisal_ids.filtered(lambda a: a.state == "calibration")
            )

    def _get_calibration_values(self):
        """The rows of the calibration table: one per department (by name)
        and the total, each with the count and share of every band of the
        company's scale and whether it exceeds the band's target."""
        self.ensure_one()
        if not self.id:
            return None
        scale = (
            self.env["perf.rating.scale"]
            .sudo()
            .search([("company_id", "=", self.company_id.id)], limit=1)
        )
        targets = scale._get_targets() if scale else {}
        groups = (
            self.env["perf.appraisal"]
            .sudo()
            ._read_group(
                [
                    ("campaign_id", "=", self.id),
                    ("state", "!=", "cancel"),
                    ("rating_band_id", "!=", False),
                ],
                ["department_id", "rating_band_id"],
                ["__count"],
            )
        )
        by_department, total = {}, {}
        for department, band, count in groups:
            # A band of an older scale still counts, without target.
            targets.setdefault(band, None)
            counts = by_department.setdefault(department, {})
            counts[band] = counts.get(band, 0) + count
            total[band] = total.get(band, 0) + count
        Appraisal = self.env["perf.appraisal"]
        rows = [
            Appraisal._make_distribution_row(
                department.display_name or self.env._("No department"), counts, targets
            )
            for department, counts in sorted(
                by_department.items(), key=lambda item: item[0].display_name or ""
            )
        ]
        total_row = dict(
            Appraisal._make_distribution_row(
                self.env._("Whole campaign"), total, targets
            ),
            is_total=True,
        )
        return {
            "rows": [*rows, total_row],
            "total": total_row,
            "unrated": self.env["perf.appraisal"]
            .sudo()
            .search_count(
                [
                    ("campaign_id", "=", self.id),
                    ("state", "!=", "cancel"),
                    ("rating_band_id", "=", False),
                ]
            ),
        }

    def _ensure_admin(self):
        if not self._is_admin():
            raise AccessError(
                self.env._("Only a performance administrator calibrates campaigns.")
            )

    def action_open_calibration_analysis(self):
        """The campaign's appraisals, by department and rating."""
        self.ensure_one()
        self._ensure_admin()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_management.perf_appraisal_action_calibration"
        )
        action["domain"] = [("campaign_id", "=", self.id), ("state", "!=", "cancel")]
        action["display_name"] = self.env._(
            "Calibration of %(campaign)s", campaign=self.name
        )
        return action

    def action_close_calibration(self):
        """Close the campaign's appraisals in calibration, asking a reason
        when the target distribution is broken."""
        self.ensure_one()
        self._ensure_admin()
        return self.appraisal_ids.filtered(
            lambda appraisal: appraisal.state == "calibration"
        ).action_open_done_wizard()
