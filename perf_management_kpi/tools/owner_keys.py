"""Whose value a KPI value is, as one string: ``"<level>:<record id>"``.

A monthly KPI value belongs to an employee, a department or a company; the
key is unique per KPI and month, and an indicator finds its actual by the key
of its objective's owner.
"""

from odoo.addons.perf_management.tools.vocabulary import level_selection

EMPLOYEE = "employee"
DEPARTMENT = "department"
COMPANY = "company"

#: Owner levels of a KPI value, as an Odoo selection.
OWNER_LEVELS = level_selection(EMPLOYEE, DEPARTMENT, COMPANY)


def owner_key(level, record_id):
    """The key of the value of ``level`` (employee, department, company)."""
    if level not in (EMPLOYEE, DEPARTMENT, COMPANY):
        raise ValueError(f"Unknown owner level {level!r}")
    return f"{level}:{int(record_id)}"


def employee_key(employee_id):
    return owner_key(EMPLOYEE, employee_id)


def department_key(department_id):
    return owner_key(DEPARTMENT, department_id)


def company_key(company_id):
    return owner_key(COMPANY, company_id)


def split_owner_key(key):
    """``(level, record id)`` of a key."""
    level, _sep, record_id = key.partition(":")
    return level, int(record_id)
