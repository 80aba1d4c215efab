"""Pure Python of the KPI addon: no database, no environment.

* :mod:`.owner_keys` - the keys naming whose value a KPI value is;
* :mod:`.domain_literal` - reading a KPI domain as plain values, never as code.
"""

from . import domain_literal
from . import owner_keys
