"""Pure Python shared by the performance addons: no database, no environment.

* :mod:`.vocabulary` - the words of the method (levels, dimensions, months,
  directions), each defined once;
* :mod:`.scoring` - how an indicator is scored and how scores are averaged;
* :mod:`.split` - how targets are split over the children of a decomposition.

Each module is tested without the database.
"""

from . import scoring
from . import split
from . import vocabulary
