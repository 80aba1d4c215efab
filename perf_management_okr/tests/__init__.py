from . import test_install
from . import test_okr_scoring
from . import test_key_result
from . import test_okr_alignment
from . import test_okr_checkin
from . import test_ui_okr
