"""The names people read for the codes figures carry: options and dimensions of a disaggregation, target sources,
kinds of figure and whole statements. Loaded in two small queries, kept while the catalog does not change."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ktxh.catalog import version
from ktxh.catalog.models import Dimension, TargetSource
from ktxh.values.models import Kind, parse_disaggregation


class Labels:
    """Dimensions with their options (in catalog order) and target sources, by code. :meth:`current` gives the
    one this process keeps, read again only when the catalog changed (:mod:`ktxh.catalog.version`)."""

    @classmethod
    def current(cls, stamp: tuple | None = None) -> Labels:
        """The labels as they are now, kept by the process between requests while the catalog does not change. ``stamp``: the catalog's
        version (:func:`ktxh.catalog.version.stamp`) the caller has just read for the catalog and the labels of one
        computation."""
        return version.current(cls, stamp)

    def __init__(self):
        self.dimension_names: dict[str, str] = {}
        self.options: dict[str, list[tuple[str, str]]] = {}
        for dimension in Dimension.objects.prefetch_related("options"):
            self.dimension_names[dimension.code] = dimension.name
            self.options[dimension.code] = [(o.code, o.name) for o in dimension.options.all()]
        self.option_names: dict[tuple[str, str], str] = {
            (dimension, code): name for dimension, options in self.options.items() for code, name in options
        }
        self.option_order: dict[tuple[str, str], int] = {
            (dimension, code): n for dimension, options in self.options.items() for n, (code, _) in enumerate(options)
        }
        self.dimension_order: dict[str, int] = {code: n for n, code in enumerate(self.options)}
        self.sources: dict[str, TargetSource] = {s.code: s for s in TargetSource.objects.all()}
        self.source_names: dict[str, str] = {code: s.short_name for code, s in self.sources.items()}
        #: id → (code, order), as :func:`ktxh.figures.statements.load` reads the target sources
        self.source_keys: dict[int, tuple[str, int]] = {s.pk: (s.code, s.order) for s in self.sources.values()}

    def disaggregation(self, text: str) -> str:
        """``"loai_dat=dat_trong_lua;muc=2"`` → ``"Đất trồng lúa, 2"``: option names, the code where there is none."""
        if not text:
            return ""
        return ", ".join(self.option_names.get(item, item[1]) for item in parse_disaggregation(text).items())

    def items(self, text: str) -> dict[str, str]:
        """``"tuyen_duong=dt_288;doan_tuyen=x"`` → ``{"tuyen_duong=dt_288": "Đường tỉnh 288", "doan_tuyen=x": …}``."""
        if not text:
            return {}
        return {f"{d}={o}": self.option_names.get((d, o), o) for d, o in parse_disaggregation(text).items()}

    def order(self, text: str) -> tuple:
        """A sort key that puts the parts of a breakdown in the catalog's order of options (not alphabetically)."""
        if not text:
            return ()
        return tuple(
            (self.dimension_order.get(d, len(self.dimension_order)), self.option_order.get((d, o), 10**6), o)
            for d, o in parse_disaggregation(text).items()
        )

    @staticmethod
    def kind(kind: str) -> str:
        """ "thực hiện", "ước thực hiện", "chỉ tiêu" (lower case, as inside a sentence); an unknown kind as is."""
        return str(Kind(kind).label).lower() if kind in Kind.values else kind

    def statement(self, statement) -> str:
        """What a stored statement is, in words: its kind, its target source and its variant if any."""
        label = self.kind(statement.kind)
        if statement.source:
            label += " " + self.source_names.get(statement.source, statement.source)
        if statement.variant:
            label += ", " + _("variant %(variant)s") % {"variant": statement.variant}
        return label
