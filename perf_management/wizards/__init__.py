from . import decomposition_split
from . import perf_decomposition
from . import perf_decompose_space
from . import perf_decompose_space_line
from . import perf_decompose_time
from . import perf_decompose_time_line
from . import perf_decompose_time_indicator
from . import perf_checkin_wizard
