"""Pure Python of the OKR addon: no database, no environment.

* :mod:`.okr_scoring` - how a key result is scored from 0.0 to 1.0.
"""

from . import okr_scoring
