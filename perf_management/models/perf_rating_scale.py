from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import rating


class PerfRatingScale(models.Model):
    """How a company turns an appraisal score into a rating and a payroll
    coefficient: bands by minimum score (see ``tools/rating.py``).

    A company has one active scale; a new company gets the default one
    (A to E). A scale whose bands rated appraisals is archived, never
    deleted (see ``perf.rating.band``).
    """

    _name = "perf.rating.scale"
    _description = "Rating Scale"
    _inherit = ["mail.thread", "perf.input.mixin"]
    _order = "company_id, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    band_ids = fields.One2many(
        "perf.rating.band", "scale_id", string="Bands", copy=True
    )

    @api.constrains("active", "company_id")
    def _check_one_active_per_company(self):
        for scale in self.filtered("active"):
            other = self.search(
                [("id", "!=", scale.id), ("company_id", "=", scale.company_id.id)],
                limit=1,
            )
            if other:
                raise ValidationError(
                    self.env._(
                        "Company %(company)s already has the rating scale "
                        "%(other)s. Archive it before activating another one.",
                        company=scale.company_id.name,
                        other=other.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_rated(self):
        # The bands go with their scale in the database, unseen by their own
        # check: check them here.
        self.with_context(active_test=False).band_ids._ensure_not_rated()

    def _get_bands(self):
        self.ensure_one()
        return [
            rating.Band(band.name, band.min_score, band.payroll_coefficient)
            for band in self.band_ids
        ]

    def _ensure_valid(self):
        """Raise a clear error unless every scale of ``self`` can rate."""
        for scale in self:
            try:
                rating.validate_bands(scale._get_bands())
                rating.validate_targets(
                    [(band.name, band._get_target()) for band in scale.band_ids]
                )
            except rating.RatingError as error:
                raise ValidationError(scale._get_error_message(error)) from error

    def _get_targets(self):
        """The target share of each band of the scale, ``None`` for none."""
        self.ensure_one()
        return {band: band._get_target() for band in self.band_ids}

    def _get_band(self, score):
        """The band of this scale that ``score`` earns (empty for no score)."""
        self.ensure_one()
        try:
            found = rating.find_band(self._get_bands(), score)
        except rating.RatingError as error:
            raise UserError(self._get_error_message(error)) from error
        if found is None:
            return self.env["perf.rating.band"]
        return self.band_ids.filtered(lambda band: band.name == found.code)[:1]

    def _get_error_message(self, error):
        """The sentence telling the user what is wrong with the scale."""
        params = dict(error.params, scale=self.name)
        _ = self.env._
        if error.kind == "empty":
            return _(
                "Rating scale %(scale)s has no band. Add at least one band, "
                "starting at a score of 0.",
                **params,
            )
        if error.kind == "negative_coefficient":
            return _(
                "Band %(code)s of rating scale %(scale)s has a negative payroll "
                "coefficient. Enter 0 or more.",
                **params,
            )
        if error.kind == "negative_minimum":
            return _(
                "Band %(code)s of rating scale %(scale)s starts below a score of "
                "0. Enter a minimum score of 0 or more.",
                **params,
            )
        if error.kind == "duplicate_code":
            return _(
                "Rating scale %(scale)s has two bands named %(code)s. Give each "
                "band its own name.",
                **params,
            )
        if error.kind == "duplicate_minimum":
            return _(
                "Two bands of rating scale %(scale)s start at the score "
                "%(score)s: one of them could never be reached. Give each band "
                "its own minimum score.",
                **params,
            )
        if error.kind == "target_out_of_range":
            return _(
                "Band %(code)s of rating scale %(scale)s has a target share of "
                "%(share)s%%. Enter a share between 0 and 100, or 0 for no target.",
                **params,
            )
        if error.kind == "targets_over_100":
            return _(
                "The target shares of rating scale %(scale)s sum to %(total)s%%. "
                "Lower them to 100%% or less in all.",
                **params,
            )
        if error.kind == "targets_not_100":
            return _(
                "Every band of rating scale %(scale)s has a target share, but "
                "they sum to %(total)s%%: make them sum to 100%%, or leave a "
                "band at 0 for no target.",
                **params,
            )
        return _(
            "The score %(score)s is below the lowest band of rating scale "
            "%(scale)s. Add a band starting at 0.",
            **params,
        )

    @api.model
    def _get_company_scale(self, company):
        """The active scale of ``company``, or a clear error."""
        scale = self.sudo().search([("company_id", "=", company.id)], limit=1)
        if not scale:
            raise UserError(
                self.env._(
                    "Company %(company)s has no rating scale. Ask a performance "
                    "administrator to create one.",
                    company=company.name,
                )
            )
        return scale

    @api.model
    def _ensure_default_scales(self, companies=None):
        """Give every company of ``companies`` (all by default) that has no
        scale, archived ones included, the default scale. Running it twice
        creates nothing more."""
        companies = companies or self.env["res.company"].search([])
        having = {
            company.id
            for (company,) in self.with_context(active_test=False)._read_group(
                [("company_id", "in", companies.ids)], ["company_id"]
            )
        }
        return self.create(
            [
                {
                    "name": self.env._("Default rating scale"),
                    "company_id": company.id,
                    "band_ids": [
                        fields.Command.create(
                            {
                                "name": band.code,
                                "min_score": band.min_score,
                                "payroll_coefficient": band.coefficient,
                            }
                        )
                        for band in rating.DEFAULT_BANDS
                    ],
                }
                for company in companies
                if company.id not in having
            ]
        )

    # The bands of a scale are checked once the whole scale is written: one
    # save that moves two targets (50/50 to 60/40) passes through 60/50.
    @api.model_create_multi
    def create(self, vals_list):
        scales = super(
            PerfRatingScale, self.with_context(perf_rating_scale_check_later=True)
        ).create(vals_list)
        scales._ensure_valid()
        return scales.with_env(self.env)

    def write(self, vals):
        result = super(
            PerfRatingScale, self.with_context(perf_rating_scale_check_later=True)
        ).write(vals)
        self._ensure_valid()
        return result
