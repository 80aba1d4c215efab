from . import perf_kpi_assign_wizard
