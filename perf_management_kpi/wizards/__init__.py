from . import perf_kpi_assign_wizard
from . import perf_kpi_scorecard_export_wizard
