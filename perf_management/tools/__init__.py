"""Pure Python shared by the performance addons: no database, no environment.

* :mod:`.vocabulary` - the words of the method (levels, dimensions, months,
  directions), each defined once;
* :mod:`.scoring` - how an indicator is scored and how scores are averaged.

Each module is tested without the database.
"""

from . import scoring
from . import vocabulary
