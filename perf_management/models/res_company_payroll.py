from odoo import fields, models

#: Employee fields a company may export as the employee code of its payroll.
EMPLOYEE_CODE_FIELDS = [
    ("barcode", "Badge ID"),
    ("identification_id", "Identification No"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    perf_payroll_employee_code = fields.Selection(
        EMPLOYEE_CODE_FIELDS,
        string="Payroll Employee Code",
        required=True,
        default="barcode",
        help="The employee field the payroll export gives as employee code: "
        "the one your payroll system knows the employees by.",
    )
