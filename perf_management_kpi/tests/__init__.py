from . import test_install
from . import test_domain_literal
from . import test_kpi_definition
from . import test_kpi_computation
from . import test_kpi_indicator
from . import test_kpi_access
from . import test_kpi_computed_as
from . import test_ui_kpi
