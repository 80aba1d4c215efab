from . import perf_cascade_xlsx
from . import perf_appraisal_payroll_xlsx
from . import perf_checkin_trend
