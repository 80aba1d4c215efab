from . import perf_checkin_wizard
from . import perf_target_change_wizard
from . import perf_target_change_wizard_milestone
