from odoo import api, fields, models


class PerfOwnerMixin(models.AbstractModel):
    """Who a record is for: a department, a post (job position) or an
    employee, as its level says.

    Objectives and tasks share these fields and their rules, as Odoo's
    ``hr.employee.base`` shares an employee's fields: the post gives its
    department, the employee gives their department and post, and a level
    above clears what is below it. Each model names the field holding its
    level and what an owner field keeps when the level does not set it.
    """

    _name = "perf.owner.mixin"
    _description = "Owner of a Performance Record"
    # The field holding the owner's level, a value of vocabulary.LEVELS.
    _owner_level_field = "level"

    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
    )
    job_id = fields.Many2one(
        "hr.job",
        string="Post",
        compute="_compute_job_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
    )
    employee_id = fields.Many2one(
        "hr.employee",
        compute="_compute_employee_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
        tracking=True,
    )

    def _owner_depends(self):
        """What the owner fields are computed from, besides each other."""
        return [self._owner_level_field]

    def _get_owner_fallback(self, fname):
        """The value of the owner field ``fname`` when the level does not set
        it: the one it has."""
        return self[fname]

    @api.depends(lambda self: [*self._owner_depends(), "job_id", "employee_id"])
    def _compute_department_id(self):
        for record in self:
            level = record[record._owner_level_field]
            if level == "company":
                record.department_id = False
            elif level == "post" and record.job_id.department_id:
                record.department_id = record.job_id.department_id
            elif level == "employee" and record.employee_id.department_id:
                record.department_id = record.employee_id.department_id
            else:
                record.department_id = record._get_owner_fallback("department_id")

    @api.depends(lambda self: [*self._owner_depends(), "employee_id"])
    def _compute_job_id(self):
        for record in self:
            level = record[record._owner_level_field]
            if level in ("company", "department"):
                record.job_id = False
            elif level == "employee" and record.employee_id.job_id:
                record.job_id = record.employee_id.job_id
            else:
                record.job_id = record._get_owner_fallback("job_id")

    @api.depends(lambda self: self._owner_depends())
    def _compute_employee_id(self):
        for record in self:
            if record[record._owner_level_field] != "employee":
                record.employee_id = False
            else:
                record.employee_id = record._get_owner_fallback("employee_id")

    def _get_owner_key(self):
        """Who owns the record's figures: an employee, a post, a department
        or the company, as ``(model name, id)``."""
        self.ensure_one()
        owner = self.employee_id or self.job_id or self.department_id or self.company_id
        return owner._name, owner.id
