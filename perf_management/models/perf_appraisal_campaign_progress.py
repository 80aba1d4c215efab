from odoo import api, fields, models


class PerfAppraisalCampaign(models.Model):
    """Where a campaign stands: how many of its appraisals are at each step
    of the workflow, and the share done. Cancelled appraisals count in
    neither the share nor its total. Counted among the appraisals the user
    reads (an administrator: all of them)."""

    _inherit = "perf.appraisal.campaign"

    progress = fields.Float(
        string="Done (%)",
        compute="_compute_progress",
        aggregator=None,
        help="Share of the campaign's appraisals (cancelled ones aside) that "
        "are done.",
    )
    progress_summary = fields.Char(
        string="Where It Stands",
        compute="_compute_progress",
        help="How many appraisals are at each step of the workflow.",
    )

    @api.depends("appraisal_ids.state")
    @api.depends_context("uid")
    def _compute_progress(self):
        Appraisal = self.env["perf.appraisal"]
        labels = dict(Appraisal._fields["state"]._description_selection(self.env))
        counts = {}
        campaigns = self.filtered("id")
        if campaigns:
            # With the user's rights: each reads where their own appraisals are.
            for campaign, state, count in Appraisal._read_group(
                [("campaign_id", "in", campaigns.ids)],
                ["campaign_id", "state"],
                ["__count"],
            ):
                counts.setdefault(campaign.id, {})[state] = count
        order = [state for state, _label in Appraisal._fields["state"].selection]
        for campaign in self:
            by_state = counts.get(campaign._origin.id, {})
            total = sum(n for state, n in by_state.items() if state != "cancel")
            campaign.progress = (
                100.0 * by_state.get("done", 0) / total if total else 0.0
            )
            campaign.progress_summary = (
                " · ".join(
                    f"{labels[state]}: {by_state[state]}"
                    for state in order
                    if by_state.get(state)
                )
                or False
            )
