"""Pure Python shared by the performance addons: no database, no environment.

* :mod:`.vocabulary` - the words of the method (levels, dimensions, months,
  directions), each defined once;
* :mod:`.scoring` - how an indicator is scored and how scores are averaged;
* :mod:`.competency` - how the skills a post expects score an appraisal's
  competency;
* :mod:`.aggregation` - how the actual of a decomposed indicator derives
  from its children's;
* :mod:`.fiscal` - how a fiscal year is laid out in quarters and months;
* :mod:`.rating` - which rating band and payroll coefficient a score earns;
* :mod:`.display` - how figures are shown in small spaces;
* :mod:`.split` - how targets are split over the children of a decomposition;
* :mod:`.pace` - where a figure should be on a day of its period;
* :mod:`.bounds` - how large a typed figure or text may be;
* :mod:`.ordering` - sort keys that never compare the ids of new records.

Each module is tested without the database.
"""

from . import aggregation
from . import bounds
from . import competency
from . import display
from . import fiscal
from . import ordering
from . import pace
from . import rating
from . import scoring
from . import split
from . import vocabulary
