from . import perf_checkin_wizard
