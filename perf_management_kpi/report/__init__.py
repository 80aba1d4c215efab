from . import perf_kpi_scorecard_xlsx
