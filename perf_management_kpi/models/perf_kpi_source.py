"""Which records a computed KPI may read.

Its domain is read as plain values (``tools/domain_literal.py``), never run;
its model, its fields and every field of its domain are checked against the
rights of the user the KPI is computed as (``computed_as_user_id``, whoever
last saved them), so that a KPI never aggregates what its author cannot read.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression

from ..tools.domain_literal import DomainLiteralError, literal_domain
from .perf_kpi_definition import (
    ATTRIBUTION_MODELS,
    DATE_TYPES,
    NUMERIC_TYPES,
    SOURCE_FIELDS,
)


# One concept per file: what a KPI is, which records it may read, how it is
# computed and how it is assigned (as gamification keeps goal definitions and
# update_goal apart).
class PerfKpiDefinition(models.Model):
    _inherit = "perf.kpi.definition"  # pylint: disable=consider-merging-classes-inherited

    def _get_domain_names(self):
        """The names a KPI domain may use, bound to plain values: the KPI is
        computed for its own company, whoever computes it."""
        self.ensure_one()
        return {
            "company_id": self.company_id.id,
            "company_ids": self.company_id.ids,
            # The name the domain editor of the web client knows.
            "allowed_company_ids": self.company_id.ids,
        }

    def _parse_domain(self):
        """The domain as a list of plain values, or a ValidationError saying why
        it cannot be read. Nothing in it is run: see tools/domain_literal.py."""
        self.ensure_one()
        try:
            domain = literal_domain(
                self.domain,
                self._get_domain_names(),
                today=fields.Date.today(),
            )
        except DomainLiteralError as error:
            if error.code == "syntax":
                message = self.env._(
                    "The domain of the KPI %(kpi)s cannot be read. Write it as a "
                    "list of conditions, for example [('state', '=', 'sale')].",
                    kpi=self.display_name,
                )
            else:
                message = self.env._(
                    "The domain of the KPI %(kpi)s cannot use %(expression)s. A KPI "
                    "domain holds plain values only: numbers, texts, dates, "
                    "company_id, allowed_company_ids, context_today(), "
                    "relativedelta(...) and datetime.date(...).",
                    kpi=self.display_name,
                    expression=error.detail,
                )
            raise ValidationError(message) from error
        if not isinstance(domain, list | tuple):
            raise ValidationError(
                self.env._(
                    "The domain of the KPI %(kpi)s must be a list of conditions, for "
                    "example [('state', '=', 'sale')].",
                    kpi=self.display_name,
                )
            )
        return list(domain)

    def _get_author_model(self):
        """The source model as the user the KPI is computed as."""
        self.ensure_one()
        author = self.computed_as_user_id or self.env.user
        return self.env[self.model_name].with_user(author)

    @api.constrains(*SOURCE_FIELDS, "measure", "computed_as_user_id")
    def _check_computation_setup(self):
        for definition in self.filtered(lambda d: d.source == "computed"):
            if not definition.model_name:
                raise ValidationError(
                    self.env._(
                        "The KPI %(kpi)s is computed from Odoo data: choose the model "
                        "its records come from.",
                        kpi=definition.display_name,
                    )
                )
            if not definition._is_model_available():
                # A model of an application that is not installed: nothing to check
                # now, the computation skips it and says so on the KPI.
                continue
            definition._ensure_measure_field()
            definition._ensure_date_field()
            definition._ensure_attribution_field()
            definition._ensure_source_access()
            definition._ensure_domain()

    def _ensure_measure_field(self):
        model = self.env[self.model_name]
        if self.measure == "count":
            return
        field = model._fields.get(self.measure_field_name or "")
        if field is None:
            raise ValidationError(
                self.env._(
                    "The KPI %(kpi)s adds up or averages a field: choose the numeric "
                    "field of %(model)s to measure.",
                    kpi=self.display_name,
                    model=self.model_name,
                )
            )
        if field.type not in NUMERIC_TYPES or not field.store:
            raise ValidationError(
                self.env._(
                    "The field %(field)s of %(model)s is not a stored number, so the "
                    "KPI %(kpi)s cannot add it up or average it. Choose an integer, "
                    "decimal or monetary field.",
                    field=field.string,
                    model=self.model_name,
                    kpi=self.display_name,
                )
            )

    def _ensure_date_field(self):
        field = self.env[self.model_name]._fields.get(self.date_field_name or "")
        if field is None or field.type not in DATE_TYPES or not field.store:
            raise ValidationError(
                self.env._(
                    "The KPI %(kpi)s needs a stored date or date-time field of "
                    "%(model)s that places each record in a month.",
                    kpi=self.display_name,
                    model=self.model_name,
                )
            )

    def _ensure_attribution_field(self):
        if not self.attribution_field_name:
            return
        field = self.env[self.model_name]._fields.get(self.attribution_field_name)
        if (
            field is None
            or field.type != "many2one"
            or field.comodel_name not in ATTRIBUTION_MODELS
            or not field.store
        ):
            raise ValidationError(
                self.env._(
                    "The KPI %(kpi)s cannot be attributed through the field "
                    "%(field)s: choose a stored field of %(model)s that links to an "
                    "employee, a user, a department or a company, or leave it empty "
                    "to count for the whole company.",
                    kpi=self.display_name,
                    field=self.attribution_field_name,
                    model=self.model_name,
                )
            )

    def _ensure_source_access(self):
        """The KPI only aggregates what its author may read: the model and the
        fields it measures, dates and attributes by."""
        self.ensure_one()
        model = self._get_author_model()
        fnames = [
            fname
            for fname in (
                self.measure_field_name if self.measure != "count" else False,
                self.date_field_name,
                self.attribution_field_name,
            )
            if fname
        ]
        if model.has_access("read") and all(
            model._fields[fname].is_accessible(model.env) for fname in fnames
        ):
            return
        raise AccessError(
            self.env._(
                "%(user)s cannot read the records of %(model)s or the fields this "
                "KPI uses, so the KPI %(kpi)s cannot be computed from them: choose a "
                "model you can read, or ask an administrator who can read it to set "
                "up this KPI.",
                user=model.env.user.name,
                model=self.model_name,
                kpi=self.display_name,
            )
        )

    def _ensure_domain(self):
        """Every condition of the domain names a stored or searchable field its
        author may read, through models they may read: a condition Odoo would
        drop would make the KPI count every record. Nothing is queried here, so
        no message can tell anything about the records."""
        self.ensure_one()
        model = self._get_author_model()
        domain = self._parse_domain()
        try:
            domain = expression.normalize_domain(domain)
        except (ValueError, TypeError, IndexError) as error:
            raise ValidationError(
                self.env._(
                    "The domain of the KPI %(kpi)s is not a valid list of "
                    "conditions: check the operators '&', '|' and '!'.",
                    kpi=self.display_name,
                )
            ) from error
        self._ensure_domain_fields(model, domain)
        try:
            model._where_calc(domain)
        except (ValueError, TypeError, KeyError) as error:
            raise ValidationError(
                self.env._(
                    "The domain of the KPI %(kpi)s does not fit the model %(model)s "
                    "(%(error)s). Check the field names and values of each condition.",
                    kpi=self.display_name,
                    model=self.model_name,
                    error=error,
                )
            ) from error

    def _ensure_domain_fields(self, model, domain):
        for leaf in domain:
            if isinstance(leaf, str) or leaf in (
                expression.TRUE_LEAF,
                expression.FALSE_LEAF,
            ):
                continue
            if not isinstance(leaf, list | tuple) or len(leaf) != 3:
                raise ValidationError(
                    self.env._(
                        "The domain of the KPI %(kpi)s holds %(leaf)s, which is not a "
                        "condition: write each as (field, operator, value).",
                        kpi=self.display_name,
                        leaf=str(leaf),
                    )
                )
            path, operator, value = leaf
            if not isinstance(path, str):
                raise ValidationError(
                    self.env._(
                        "The domain of the KPI %(kpi)s must start each condition with "
                        "a field name, not %(path)s.",
                        kpi=self.display_name,
                        path=str(path),
                    )
                )
            comodel = self._ensure_field_path(
                model, path, by_id=self._compares_ids(operator, value)
            )
            if operator in ("any", "not any") and isinstance(value, list | tuple):
                self._ensure_domain_fields(
                    comodel, expression.normalize_domain(list(value))
                )

    @api.model
    def _compares_ids(self, operator, value):
        """Whether a condition compares a relational field with ids only (so
        the linked model is not searched by name)."""
        values = value if isinstance(value, list | tuple) else [value]
        return operator in ("=", "!=", "in", "not in") and all(
            item is False
            or item is None
            or (isinstance(item, int) and not isinstance(item, bool))
            for item in values
        )

    def _ensure_field_path(self, model, path, by_id=False):
        """Check each field of ``path`` ("partner_id.country_id.code") from
        ``model``; return the model the path ends on. The linked model of the
        last field needs no reading when the condition compares ids only."""
        current = model
        names = path.split(".")
        for index, name in enumerate(names):
            field = current._fields.get(name)
            reason = None
            if field is None:
                reason = self.env._("%(model)s has no field %(field)s")
            elif not (field.store or field.search):
                reason = self.env._(
                    "the field %(field)s of %(model)s is neither stored nor "
                    "searchable, so Odoo would ignore the condition"
                )
            elif not field.is_accessible(current.env):
                reason = self.env._(
                    "the user the KPI is computed as cannot read the field "
                    "%(field)s of %(model)s"
                )
            elif (
                field.relational
                and not (by_id and index == len(names) - 1)
                and not current.env[field.comodel_name].has_access("read")
            ):
                reason = self.env._(
                    "the user the KPI is computed as cannot read the records of "
                    "%(comodel)s"
                )
            elif not field.relational and field.type != "properties":
                if index < len(names) - 1:
                    reason = self.env._(
                        "the field %(field)s of %(model)s links to no other record"
                    )
            if reason:
                raise ValidationError(
                    self.env._(
                        "The domain of the KPI %(kpi)s cannot use %(path)s: "
                        "%(reason)s.",
                        kpi=self.display_name,
                        path=path,
                        reason=reason
                        % {
                            "model": current._name,
                            "field": name,
                            "comodel": field.comodel_name if field else "",
                        },
                    )
                )
            if field.type == "properties":
                return current
            if field.relational:
                current = current.env[field.comodel_name]
        return current
