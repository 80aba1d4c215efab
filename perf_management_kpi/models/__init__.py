from . import perf_kpi_band
from . import perf_kpi_definition
from . import perf_kpi_value
from . import perf_indicator
from . import perf_objective
