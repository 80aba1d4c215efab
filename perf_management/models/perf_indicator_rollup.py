from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.aggregation import aggregate
from ..tools.ordering import creation_key

# A decomposition marks the indicators it makes with the indicator they come
# from (in space or in time).
PARENT_KEY_PREFIX = "indicator:"


class PerfIndicator(models.Model):
    """Actuals that roll up: the actual of a decomposed indicator derives from
    the actuals of its parts.

    An indicator whose objective was decomposed has child indicators (those
    whose ``decomposition_key`` is ``indicator:<its id>``). While it has parts
    on active objectives, its actual is theirs, combined as its aggregation
    says (see ``tools/aggregation.py``): the sum of a target that was split,
    else the last (latest period), average, minimum or maximum. Parts with no
    actual do not count, and with no part measured the indicator has no
    actual. The derived actual is stored and recomputed up the branch only.

    When an indicator is decomposed both to other owners and over sub-periods,
    the parts over time (the same owner's own figures) give the actual once
    one of them has one; otherwise the parts in space do.
    """

    _inherit = "perf.indicator"

    # Set from the decomposition key on create and write (not computed: a
    # precomputed many2one would put new records in the parent's parts).
    parent_id = fields.Many2one(
        "perf.indicator",
        string="Part of",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The indicator this one is a part of, in space or in time.",
    )
    child_ids = fields.One2many("perf.indicator", "parent_id", string="Parts")
    actual_source = fields.Char(
        string="Actual From",
        compute="_compute_actual_source",
        help="Where a derived actual comes from: how its parts combine, and "
        "how many of them there are.",
    )
    is_actual_derived = fields.Boolean(
        string="Actual from Parts",
        compute="_compute_derived_actual",
        store=True,
        precompute=True,
        recursive=True,
        help="The indicator is decomposed: its actual derives from its parts' "
        "actuals and cannot be entered by hand.",
    )
    derived_actual = fields.Float(
        compute="_compute_derived_actual",
        store=True,
        precompute=True,
        recursive=True,
        aggregator=None,
    )
    has_derived_actual = fields.Boolean(
        compute="_compute_derived_actual",
        store=True,
        precompute=True,
        recursive=True,
    )
    # An actual entered by hand (or by a KPI) stays as it is; on a decomposed
    # indicator the actual is the derived one.
    actual_value = fields.Float(
        compute="_compute_actual_value",
        store=True,
        readonly=False,
        precompute=True,
        recursive=True,
    )
    has_actual = fields.Boolean(
        compute="_compute_actual_value",
        store=True,
        readonly=False,
        precompute=True,
        recursive=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._set_parent_from_key(vals_list)
        return super().create(vals_list)

    @api.model
    def _set_parent_from_key(self, vals_list):
        """Set ``parent_id`` in ``vals_list`` from their decomposition keys."""
        keyed = [vals for vals in vals_list if "decomposition_key" in vals]
        parent_ids = {
            id(vals): self._get_parent_key_id(vals["decomposition_key"])
            for vals in keyed
        }
        existing = self.browse(set(filter(None, parent_ids.values()))).exists()
        for vals in keyed:
            parent_id = parent_ids[id(vals)]
            vals["parent_id"] = parent_id if parent_id in existing.ids else False

    @api.model
    def _get_parent_key_id(self, key):
        """Id of the indicator named by a decomposition key, or 0."""
        key = key or ""
        if not key.startswith(PARENT_KEY_PREFIX):
            return 0
        value = key[len(PARENT_KEY_PREFIX) :]
        return int(value) if value.isdigit() else 0

    @api.depends(
        "aggregation",
        "objective_id",
        "child_ids",
        "child_ids.actual_value",
        "child_ids.has_actual",
        "child_ids.period_id",
        "child_ids.objective_id.active",
        "child_ids.objective_id.level",
        "child_ids.objective_id.department_id",
        "child_ids.objective_id.job_id",
        "child_ids.objective_id.employee_id",
    )
    def _compute_derived_actual(self):
        for indicator in self:
            parts = indicator._get_active_parts()
            value = indicator._aggregate_parts(parts)
            indicator.is_actual_derived = bool(parts) and not (
                indicator._has_own_actual_source()
            )
            indicator.has_derived_actual = value is not None
            indicator.derived_actual = value or 0.0

    @api.depends("is_actual_derived", "aggregation", "child_ids")
    def _compute_actual_source(self):
        for indicator in self:
            indicator.actual_source = (
                indicator.sudo()._describe_parts()
                if indicator.is_actual_derived
                else False
            )

    def _describe_parts(self):
        """ "Sum of 4 quarters", "Average of 5 people"...: how the parts make
        the derived actual. Counts only, never a part's figure."""
        self.ensure_one()
        parts = self._get_active_parts()
        group = self._get_counted_parts(parts)[1] or parts
        over_time = group.filtered(
            lambda part: part.objective_id._is_time_decomposition_of(self.objective_id)
        )
        if over_time == group:
            kinds = {
                "year": (self.env._("year"), self.env._("years")),
                "quarter": (self.env._("quarter"), self.env._("quarters")),
                "month": (self.env._("month"), self.env._("months")),
            }
            found = set(group.period_id.mapped("period_type"))
        else:
            kinds = {
                "company": (self.env._("company"), self.env._("companies")),
                "department": (self.env._("department"), self.env._("departments")),
                "post": (self.env._("post"), self.env._("posts")),
                "employee": (self.env._("person"), self.env._("people")),
            }
            found = set(group.objective_id.mapped("level"))
        kind = (
            kinds[found.pop()]
            if len(found) == 1
            else (self.env._("part"), self.env._("parts"))
        )
        hows = {
            "sum": self.env._("Sum"),
            "average": self.env._("Average"),
            "last": self.env._("Latest"),
            "minimum": self.env._("Lowest"),
            "maximum": self.env._("Highest"),
        }
        return self.env._(
            "%(how)s of %(count)s %(kind)s",
            how=hows.get(self.aggregation, hows["sum"]),
            count=len(group),
            kind=kind[0] if len(group) == 1 else kind[1],
        )

    def _has_own_actual_source(self):
        """Whether the actual is measured on the indicator itself even when it
        is decomposed (an addon computing actuals from other data says so, and
        adds its fields to the dependencies of ``_compute_derived_actual``)."""
        self.ensure_one()
        return False

    def _get_active_parts(self):
        """Parts of the indicator on active objectives."""
        self.ensure_one()
        return self.child_ids.filtered(lambda child: child.objective_id.active)

    def _aggregate_parts(self, parts):
        """The actual derived from ``parts``, or ``None`` when none has one."""
        self.ensure_one()
        measured, _group = self._get_counted_parts(parts)
        if not measured:
            return None
        return aggregate(measured.mapped("actual_value"), self.aggregation)

    def _get_counted_parts(self, parts):
        """``(measured, group)``: the group of ``parts`` whose actuals make the
        derived actual (over time once one of them has an actual, else in
        space, as the class says) and its parts with an actual, oldest period
        first; empty recordsets when no part has an actual."""
        self.ensure_one()
        objective = self.objective_id
        over_time = parts.filtered(
            lambda part: part.objective_id._is_time_decomposition_of(objective)
        )
        for group in (over_time, parts - over_time):
            # A form recomputes the parts as new records: never compare ids.
            measured = group.filtered("has_actual").sorted(
                lambda part: (
                    part.period_id.date_end,
                    part.period_id.date_start,
                    creation_key(part),
                )
            )
            if measured:
                return measured, group
        return parts.browse(), parts.browse()

    @api.depends("is_actual_derived", "derived_actual", "has_derived_actual")
    def _compute_actual_value(self):
        for indicator in self:
            if indicator.is_actual_derived:
                indicator.actual_value = indicator.derived_actual
                indicator.has_actual = indicator.has_derived_actual
            else:
                indicator.actual_value = indicator.actual_value
                indicator.has_actual = indicator.has_actual

    def _compute_field_value(self, field):
        # A derived actual changes with every actual below it: the parts'
        # chatter records the history, the ancestors would only repeat it.
        records = self
        if field.name in ("actual_value", "has_actual"):
            records = self.with_context(mail_notrack=True)
        return super(PerfIndicator, records)._compute_field_value(field)

    def write(self, vals):
        if {"actual_value", "has_actual"} & set(vals):
            self._ensure_actual_not_derived()
            # Superuser only reads what the recomputation will read anyway.
            self.objective_id.sudo()._prefetch_branch()
        if "decomposition_key" in vals:
            vals = dict(vals)
            self._set_parent_from_key([vals])
        return super().write(vals)

    def _ensure_actual_not_derived(self):
        """Refuse to set by hand the actual of a decomposed indicator."""
        derived = self.filtered("is_actual_derived")
        if derived:
            raise UserError(
                self.env._(
                    "The actual of indicator %(name)s comes from its parts (the "
                    "indicators it was decomposed into) and cannot be entered by "
                    "hand. Enter the actuals of the parts instead.",
                    name=derived[0].display_name,
                )
            )
