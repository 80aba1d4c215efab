from . import perf_decompose_space_wizard
from . import perf_decompose_space_wizard_line
from . import perf_decompose_time_wizard
from . import perf_decompose_time_wizard_line
from . import perf_decompose_time_wizard_indicator
from . import perf_checkin_wizard
from . import perf_cycle_phase_wizard
from . import perf_target_change_wizard
