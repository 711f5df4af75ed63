"""The one read model of figures: what the figure of indicator I at unit U for period P is, and how it was obtained.

- :mod:`ktxh.figures.cube` — :class:`~ktxh.figures.cube.Cube` resolves figures (entered, estimate, rolled up from
  the units below, computed from a formula, carried from shorter periods, taken from predecessors) into a
  :class:`~ktxh.figures.cube.Figure` with its ``how``, ``note`` and ``provenance``;
- :mod:`ktxh.figures.statements` — the stored statements as written (every kind, target source and form, variant,
  range, text), read in one query: targets, variants and comments come from here;
- :mod:`ktxh.figures.catalog` — :class:`~ktxh.figures.catalog.Catalog`, the indicators, loaded once per computation;
- :mod:`ktxh.figures.labels` — :class:`~ktxh.figures.labels.Labels`, the names of options, dimensions, target
  sources, kinds and statements.

Only this package and :mod:`ktxh.values` (which writes and loads figures) read the table of figures. It depends on
values, catalog, units, periods and numbers, and on nothing that uses it (analytics, rules, reports, web, cli).
"""
