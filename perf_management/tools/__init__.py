"""Pure Python shared by the performance addons: no database, no environment.

* :mod:`.vocabulary` - the words of the method (levels, dimensions, months,
  directions), each defined once;
* :mod:`.scoring` - how an indicator is scored and how scores are averaged;
* :mod:`.pace` - where a figure should be on a day of its period.

Each module is tested without the database.
"""

from . import pace
from . import scoring
from . import vocabulary
