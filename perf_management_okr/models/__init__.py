from . import res_company
from . import res_config_settings
from . import perf_okr_milestone
from . import perf_indicator
from . import perf_objective
from . import perf_checkin
from . import perf_okr_demo
