from . import perf_cascade_xlsx
