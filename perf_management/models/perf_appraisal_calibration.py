from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_round

from ..tools import rating

#: The results of the scores: written by the score computation (as
#: superuser) or by calibration, never directly, not even by an
#: administrator (a rating moves with a reason, kept in the chatter).
RATING_FIELDS = {
    "score_result",
    "score_process",
    "score_competency",
    "has_score_result",
    "has_score_process",
    "has_score_competency",
    "final_score",
    "has_final_score",
    "rating_band_id",
    "payroll_coefficient",
    "is_calibrated",
    "rating_name",
}


class PerfAppraisal(models.Model):
    """Calibration: an administrator moves the rating of an appraisal in
    calibration to another band of the company's scale, with a reason kept
    in the calibration notes (the appraising manager's and administrators',
    not the chatter the employee reads).

    The distribution of ratings is read over the appraisal's *population*:
    the appraisals of its campaign, or of its company and period when it has
    none, that are not cancelled and have a rating; and within it, over its
    department. When a band's share exceeds the band's target share (see
    ``perf.rating.band``), the target distribution is broken: a move that
    breaks it, and closing an appraisal whose population breaks it, need the
    administrator to acknowledge it with a reason.
    """

    _inherit = "perf.appraisal"

    # Stored away from everyone's reads: the reasons quote the distribution
    # of the department's ratings. ``calibration_notes`` shows it to the
    # appraising manager and administrators, never to the employee.
    calibration_notes_stored = fields.Text(groups=".", copy=False)
    calibration_notes = fields.Text(
        compute="_compute_calibration_notes",
        help="Why the rating moved in calibration and why the appraisal closed "
        "although the target distribution is broken: for the appraising "
        "manager and administrators, never shown to the employee.",
    )
    is_target_broken = fields.Boolean(
        string="Target Distribution Broken",
        compute="_compute_is_target_broken",
        help="The ratings of the appraisal's campaign exceed the target share "
        "of a band: closing it needs a reason.",
    )

    @api.depends_context("uid")
    @api.depends("rating_band_id", "state")
    def _compute_is_target_broken(self):
        # Everybody's ratings: for the administrators of the appraisal only.
        administered = self._get_administered()
        for appraisal in self:
            appraisal.is_target_broken = bool(
                appraisal.id
                and appraisal in administered
                and appraisal._get_broken_bands(department=False)
            )

    @api.depends_context("uid")
    def _compute_calibration_notes(self):
        readers = self._get_note_readers()
        for appraisal in self:
            appraisal.calibration_notes = (
                appraisal.sudo().calibration_notes_stored
                if appraisal in readers
                else False
            )

    def _add_calibration_note(self, body):
        """Add ``body`` to the calibration notes of the appraisals of
        ``self``, dated and signed by the user."""
        entry = self.env._(
            "%(date)s, %(user)s: %(body)s",
            date=fields.Date.to_string(fields.Date.context_today(self)),
            user=self.env.user.name,
            body=body,
        )
        for appraisal in self.sudo():
            appraisal.calibration_notes_stored = "\n\n".join(
                filter(None, [appraisal.calibration_notes_stored, entry])
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(RATING_FIELDS & set(vals) for vals in vals_list):
            raise AccessError(self._get_rating_fields_message())
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and RATING_FIELDS & set(vals):
            raise AccessError(self._get_rating_fields_message())
        return super().write(vals)

    def _get_rating_fields_message(self):
        return self.env._(
            "Scores and ratings come from the employee's indicators. Only a "
            "performance administrator moves a rating, in calibration, with "
            "Calibrate Rating and a reason."
        )

    def _ensure_calibrator(self):
        """Refuse unless the user may calibrate ``self``: an administrator
        of its company who is not appraised in it."""
        self.check_access("write")
        self._ensure_administered(
            self.env._(
                "Only a performance administrator calibrates ratings, and "
                "nobody their own."
            )
        )

    def _get_population(self):
        """The appraisals whose ratings are distributed together with this
        one: its campaign's, or its company's of its period without campaign;
        not cancelled, rated. Read as superuser: callers checked the access."""
        self.ensure_one()
        domain = [("state", "!=", "cancel"), ("rating_band_id", "!=", False)]
        if self.campaign_id:
            domain.append(("campaign_id", "=", self.campaign_id.id))
        else:
            domain += [
                ("campaign_id", "=", False),
                ("company_id", "=", self.company_id.id),
                ("period_id", "=", self.period_id.id),
            ]
        return self.sudo().search(domain)

    def _get_scale(self):
        """The company's active scale (empty when it has none: then no
        target is broken; calibrating says what is missing)."""
        self.ensure_one()
        return (
            self.env["perf.rating.scale"]
            .sudo()
            .search([("company_id", "=", self.company_id.id)], limit=1)
        )

    def _get_earned_band(self):
        """The band of the company's scale that the final score earns."""
        self.ensure_one()
        scale = self.env["perf.rating.scale"]._get_company_scale(self.company_id)
        return scale._get_band(self.final_score if self.has_final_score else None)

    @api.model
    def _count_bands(self, appraisals, moved=None, band=None):
        """Ratings of ``appraisals`` by band, as if ``moved`` had ``band``."""
        counts = {}
        for appraisal in appraisals:
            rated = band if appraisal == moved else appraisal.rating_band_id
            if rated:
                counts[rated] = counts.get(rated, 0) + 1
        if moved and moved not in appraisals and band:
            counts[band] = counts.get(band, 0) + 1
        return counts

    def _get_distribution_rows(self, band=None):
        """The distribution of the population and of the appraisal's
        department in it, as they are or with the appraisal moved to
        ``band``: a list of dicts (label, total, and per band of the scale its
        count, share, target and whether it is over target), the first with
        ``scope`` ``population``, the second ``department``."""
        self.ensure_one()
        scale = self._get_scale()
        targets = scale._get_targets() if scale else {}
        population = self._get_population()
        department = population.filtered(
            lambda appraisal: appraisal.department_id == self.department_id
        )
        moved = self if band else None
        scopes = [
            (
                "population",
                self.campaign_id.name
                or self.env._("%(period)s, all", period=self.period_id.name),
                population,
            ),
            (
                "department",
                self.department_id.display_name or self.env._("No department"),
                department,
            ),
        ]
        return [
            dict(
                self._make_distribution_row(
                    label, self._count_bands(appraisals, moved, band), targets
                ),
                scope=scope,
            )
            for scope, label, appraisals in scopes
        ]

    @api.model
    def _make_distribution_row(self, label, counts, targets):
        """One row of a distribution table: ``counts`` by band against the
        ``targets`` (band to share or ``None``) of the scale."""
        shares = rating.distribution(counts)
        over = set(rating.over_target(counts, targets))
        return {
            "label": label,
            "total": sum(counts.values()),
            "cells": [
                {
                    "band": band,
                    "count": counts.get(band, 0),
                    "share": float_round(shares.get(band, 0.0), 1),
                    "target": target,
                    "over": band in over,
                }
                for band, target in targets.items()
            ],
        }

    def _get_broken_bands(self, band=None, department=True):
        """The bands over target, as ``(scope label, band, share, target)``,
        in the population of the appraisal and, if ``department``, in its
        department (with the appraisal moved to ``band`` if given: then only
        ``band`` counts)."""
        self.ensure_one()
        if not self.company_id or (not self.rating_band_id and not band):
            return []
        broken = []
        for row in self._get_distribution_rows(band):
            if row["scope"] == "department" and not department:
                continue
            for cell in row["cells"]:
                if cell["over"] and (not band or cell["band"] == band):
                    broken.append(
                        (row["label"], cell["band"], cell["share"], cell["target"])
                    )
        return broken

    def _describe_broken(self, broken):
        return "; ".join(
            self.env._(
                "%(scope)s: %(band)s at %(share)s%% for a target of %(target)s%%",
                scope=scope,
                band=band.name,
                share=share,
                target=target,
            )
            for scope, band, share, target in broken
        )

    def _calibrate(self, band, reason, accept_break=False):
        """Move the rating of the appraisal to ``band`` of the company's
        scale, for ``reason``, posted in the chatter.

        Performance administrators only, in calibration. A move that puts
        the share of ``band`` over its target, in the campaign or in the
        department, needs ``accept_break``: the message then says the target
        distribution is broken. Moving back to the band the score earns
        clears the calibration; otherwise the appraisal is calibrated and
        keeps this band when its scores are updated (until reopened).
        """
        self.ensure_one()
        self._ensure_calibrator()
        self._ensure_state(("calibration",))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Moving a rating needs a reason: give one."))
        scale = self.env["perf.rating.scale"]._get_company_scale(self.company_id)
        if band not in scale.band_ids:
            raise ValidationError(
                self.env._(
                    "Rating %(band)s is outside the scale %(scale)s of %(company)s: "
                    "choose one of its bands.",
                    band=band.sudo().display_name,
                    scale=scale.name,
                    company=self.company_id.name,
                )
            )
        broken = self._get_broken_bands(band)
        if broken and not accept_break:
            raise UserError(
                self.env._(
                    "Rating %(band)s for %(employee)s breaks the target "
                    "distribution (%(broken)s). Confirm that you keep it, with a "
                    "reason that says why.",
                    band=band.name,
                    employee=self.employee_id.name,
                    broken=self._describe_broken(broken),
                )
            )
        old = self.rating_band_id
        earned = self._get_earned_band()
        self.sudo().write(
            {
                "rating_band_id": band.id,
                "payroll_coefficient": band.payroll_coefficient,
                "is_calibrated": band != earned,
            }
        )
        if broken:
            body = self.env._(
                "Rating calibrated from %(old)s to %(new)s, breaking the target "
                "distribution (%(broken)s): %(reason)s",
                old=old.name or "-",
                new=band.name,
                broken=self._describe_broken(broken),
                reason=reason,
            )
        else:
            body = self.env._(
                "Rating calibrated from %(old)s to %(new)s: %(reason)s",
                old=old.name or "-",
                new=band.name,
                reason=reason,
            )
        self._add_calibration_note(body)
        return True

    def _reset_calibration(self):
        """Back to the band the final score earns, said in the chatter."""
        for appraisal in self.filtered("is_calibrated"):
            band = appraisal._get_earned_band()
            appraisal.sudo().write(
                {
                    "rating_band_id": band.id,
                    "payroll_coefficient": band.payroll_coefficient,
                    "is_calibrated": False,
                }
            )
            appraisal._add_calibration_note(
                self.env._(
                    "Calibration cleared: the rating is again the band the score "
                    "earns, %(band)s.",
                    band=band.name or "-",
                )
            )

    def action_reopen(self):
        """Reopening clears the calibration: the manager's review starts
        again from the scores."""
        result = super().action_reopen()
        self._reset_calibration()
        return result

    def action_done(self):
        """Closing an appraisal whose campaign breaks the target distribution
        needs a reason (context key ``perf_change_reason``), kept in its
        calibration notes. Checked on the ratings closed."""
        result = super().action_done()
        reason = self._get_change_reason()
        for appraisal in self:
            broken = appraisal._get_broken_bands(department=False)
            if not broken:
                continue
            if not reason:
                raise UserError(
                    self.env._(
                        "The ratings of %(name)s break the target distribution "
                        "(%(broken)s). Give a reason to close it anyway.",
                        name=appraisal.display_name,
                        broken=appraisal._describe_broken(broken),
                    )
                )
            appraisal._add_calibration_note(
                self.env._(
                    "Closed although the target distribution is broken "
                    "(%(broken)s): %(reason)s",
                    broken=appraisal._describe_broken(broken),
                    reason=reason,
                )
            )
        return result

    def action_open_calibrate_wizard(self):
        self.ensure_one()
        self._ensure_calibrator()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Calibrate Rating"),
            "res_model": "perf.appraisal.calibrate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_id": self.id},
        }

    def action_open_done_wizard(self):
        self._ensure_administered(
            self.env._(
                "Only a performance administrator closes appraisals, and "
                "nobody their own."
            )
        )
        if not self:
            raise UserError(
                self.env._("No appraisal is in calibration: nothing to close.")
            )
        self._ensure_state(("calibration",))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Close Appraisals"),
            "res_model": "perf.appraisal.done.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_ids": self.ids},
        }
