from . import perf_appraisal_payroll_xlsx
