"""The checking core: relations between numbers, one rounding policy, one :class:`Finding`.

Both engines that check numbers use it: the validation rules over stored figures (:mod:`ktxh.rules.engine`) and the
audit over numbers read from report text (:mod:`ktxh.audit.checks`). Each engine only gathers the numbers (from the
database, from the text) and says what relation they must satisfy; whether it holds, with what allowance for
rounding, and the message when it does not are decided here, once, so that the two engines cannot disagree.

Modules:

- :mod:`.rounding` — the rounding policy for stated numbers (what «written as 96,7%» allows);
- :mod:`.relations` — the relations (equal, approximately equal, ≤, ≥, between, part ≤ whole, parts sum to the
  whole, share, change, area × yield = production, same value stated twice), each returning a :class:`Finding` or
  None;
- :mod:`.finding` — :class:`Finding`, the in-memory result;
- :mod:`.measures` — units of measure, their words in text and conversions (``data/catalog/measures.csv``);
- :mod:`.plausible` — plausibility bounds (yields of each crop, rates) (``data/checks/plausible.csv``).

Pure Python: no database, no Django models; it imports only :mod:`ktxh.numbers`, the standard library and the CSV
reader of :mod:`ktxh.datafiles`.
"""

from ktxh.checks.finding import Finding, Stated
from ktxh.checks.rounding import agrees, decimals_of, half_unit, same_value_allowance, sum_spread

__all__ = ["Finding", "Stated", "agrees", "decimals_of", "half_unit", "same_value_allowance", "sum_spread"]
