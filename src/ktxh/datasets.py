"""Data sets shipped with ktxh and the one-transaction loading of a catalog plus a data set folder.

A data set folder holds ``units.csv``, optionally ``links.csv``, and ``values/*.csv`` (docs/data-format.md).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ktxh.catalog.loader import CatalogSummary, load_catalog
from ktxh.datafiles import Problems
from ktxh.history.actor import acting_as
from ktxh.reports.loader import load_report_texts
from ktxh.units.loader import load_units
from ktxh.values.loader import ValuesSummary, load_values

DATA_DIR = Path(__file__).resolve().parent / "data"
CATALOG_DIR = DATA_DIR / "catalog"
DEMO_DIR = DATA_DIR / "demo" / "thang-2023"
DEMO_UNIT = "thang"  # present once the demo is loaded
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "ktxh-demo"


@dataclass
class DatasetSummary:
    catalog: CatalogSummary | None
    units: int
    links: int
    values: ValuesSummary

    def __str__(self) -> str:
        parts = [str(self.catalog)] if self.catalog else []
        parts += [
            _("%(units)d units, %(links)d lineage links") % {"units": self.units, "links": self.links},
            str(self.values),
        ]
        return "; ".join(parts)


def load_dataset(
    folder: Path, catalog: Path | None = CATALOG_DIR, actor: str | None = None, replace: bool = False
) -> DatasetSummary:
    """Load a catalog (optional) and a data set folder, all or nothing. ``actor`` names the loader in the change
    log (default: "data load", in the active language). With ``replace``, the files are the whole truth for the
    data set's units: their figures that the files no longer hold are removed (logged in the history)."""
    folder = Path(folder)
    try:
        return _load_dataset(folder, catalog, actor, replace)
    except IntegrityError:
        # Two loads of the same new unit (or catalog entry) at once: the second one's insert hits the first one's
        # row. The transaction rolled back whole, so say that, and what to do — not "check KTXH_DATABASE_URL".
        problems = Problems()
        problems.add(
            None,
            None,
            _(
                "another load or user added some of the same units or catalog entries at the same moment; "
                "nothing of this folder was written. Run the load again: it will compare with what is stored now."
            ),
            file=folder.name,
        )
        problems.raise_if_any()
        raise


def _load_dataset(folder: Path, catalog: Path | None, actor: str | None, replace: bool) -> DatasetSummary:
    actor = actor or _("data load")
    root = folder.parent
    with acting_as(name=actor), transaction.atomic():
        catalog_summary = load_catalog(catalog) if catalog else None
        if catalog and (Path(catalog).parent / "rules").exists():  # the rules next to the catalog (data/rules)
            from ktxh.rules.loader import load_rules

            load_rules(Path(catalog).parent / "rules", display_root=Path(catalog).parent)
        units, links = load_units(folder / "units.csv", folder / "links.csv", display_root=root)
        replace_units = None
        if replace:
            with open(folder / "units.csv", encoding="utf-8-sig") as handle:
                replace_units = {row["code"] for row in csv.DictReader(handle) if row.get("code")}
        values = load_values(
            folder / "values" if (folder / "values").is_dir() else folder / "values.csv",
            display_root=root,
            replace_units=replace_units,
        )
        load_report_texts(folder, display_root=root)
    return DatasetSummary(catalog_summary, units, links, values)


def load_demo() -> DatasetSummary:
    summary = load_dataset(DEMO_DIR, actor=_("demo data load"), replace=True)
    ensure_demo_user()
    return summary


def data_not_of_the_demo() -> tuple[int, int]:
    """(units, users) in the database that the demo did not bring: a database with real data in it, which loading
    the demo would mix 29 demo units and a superuser with a published password into."""
    from django.contrib.auth import get_user_model

    from ktxh.units.models import OrgUnit

    with open(DEMO_DIR / "units.csv", encoding="utf-8-sig") as handle:
        demo_units = {row["code"] for row in csv.DictReader(handle) if row.get("code")}
    units = OrgUnit.objects.exclude(code__in=demo_units).count()
    users = get_user_model().objects.exclude(username=DEMO_USERNAME).count()
    return units, users


def ensure_demo_user():
    """The demo login: a superuser, so that the admin (catalog, units) is reachable in the demo."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    user = User.objects.filter(username=DEMO_USERNAME).first()
    if user is None:
        user = User.objects.create_superuser(DEMO_USERNAME, "", DEMO_PASSWORD)
    return user
