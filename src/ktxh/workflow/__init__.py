"""The submission workflow: per unit, top-level sector and period, draft → submitted → approved (locked) →
reopened, with the reason kept.

- :mod:`~ktxh.workflow.models` — the state (:class:`Submission`), tracked in the change log;
- :mod:`~ktxh.workflow.actions` — the only code that changes it (submit, approve, reopen), with the rights checked
  by :func:`ktxh.units.scoping.allows`;
- :mod:`~ktxh.workflow.lock` — approved figures are closed to every writer, through the one lock mechanism of
  :mod:`ktxh.values.locks` (registered when the app starts);
- :mod:`~ktxh.workflow.deadlines` — the due date of each period from the cut-off dates of NĐ 09/2019 (data);
- :mod:`~ktxh.workflow.progress` — completeness and timeliness of the units below a unit;
- :mod:`~ktxh.workflow.sectors` — the grain: the top-level sectors of the report (why, in its docstring).

The layer sits above ``figures`` (it reads completeness through :mod:`ktxh.figures.statements`) and below the pages,
the API and the exchange, which call it.
"""
