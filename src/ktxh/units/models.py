"""Organisation units (administrative units, residential groups, facilities) with validity and lineage.

A unit record never changes its parent: when the hierarchy changes (the district level was abolished on 1/7/2025,
communes were merged), the new situation is a new record, linked to the old ones by :class:`UnitLink` with the
share of the predecessor that went to the successor. Every past report stays reproducible, and a merged commune's
"cùng kỳ" (same period last year) is built from its predecessors.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ktxh.datafiles import Problems, Row, check_code
from ktxh.history.recorder import track


class UnitType(models.TextChoices):
    PROVINCE = "province", _("Province, centrally-run city")
    DISTRICT = "district", _("District, urban district, town (before 1/7/2025)")
    COMMUNE = "commune", _("Commune")
    WARD = "ward", _("Ward")
    TOWN = "town", _("Township (before 1/7/2025)")
    SPECIAL_ZONE = "special_zone", _("Special zone")
    RESIDENTIAL_GROUP = "residential_group", _("Residential group")
    VILLAGE = "village", _("Village, hamlet")
    SCHOOL = "school", _("School")
    HEALTH_STATION = "health_station", _("Health station")
    FACILITY = "facility", _("Other facility")


ADMINISTRATIVE_TYPES = {
    UnitType.PROVINCE,
    UnitType.DISTRICT,
    UnitType.COMMUNE,
    UnitType.WARD,
    UnitType.TOWN,
    UnitType.SPECIAL_ZONE,
}
COMMUNE_LEVEL_TYPES = {UnitType.COMMUNE, UnitType.WARD, UnitType.TOWN, UnitType.SPECIAL_ZONE}


def validate_code(value: str) -> None:
    """A unit code as the loaders accept it (:func:`ktxh.datafiles.check_code`), for every other path (the admin,
    scripts): a code goes into file names and download headers, so a quote, a line break or an accented letter
    must never get in."""
    problems = Problems()
    check_code(Row("", 0, {"code": value}), "code", problems)
    if problems:
        raise ValidationError(problems.items[0].message, code="invalid_code")


class OrgUnitQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def overlapping(self, start: dt.date, end: dt.date):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=end), Q(valid_to__isnull=True) | Q(valid_to__gte=start)
        )

    def within(self, unit: OrgUnit):
        """The unit and everything below it."""
        return self.filter(path__startswith=unit.path)


@track
class OrgUnit(models.Model):
    code = models.CharField(_("code"), max_length=64, unique=True, validators=[validate_code])
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=32, choices=UnitType.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    official_code = models.CharField(_("official code"), max_length=20, blank=True, db_index=True)
    # Materialised path of ids ("/1/5/17/"): subtree queries in one indexed LIKE, maintained on save.
    path = models.CharField(max_length=1000, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="orgunit_valid_from_before_valid_to",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """The unit's own rules and, for a stored unit, that its stored children stay inside its new validity: a
        form (the admin) edits one unit at a time. ``save()`` checks only the unit itself, because a loader saves
        parents before their children and checks the whole file set first."""
        errors = validate_unit(self)
        if self.pk:
            for field, message in validate_children(self).items():
                errors.setdefault(field, message)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        errors = validate_unit(self)
        if errors:
            raise ValidationError(errors)
        super().save(*args, **kwargs)
        new_path = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
        if new_path != self.path:
            old_path = self.path
            depth = new_path.count("/") - 2
            OrgUnit.objects.filter(pk=self.pk).update(path=new_path, depth=depth)
            self.path, self.depth = new_path, depth
            if old_path:
                for child in self.children.all():
                    child.save()

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def ancestors(self) -> list[OrgUnit]:
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1] if part]
        by_id = OrgUnit.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]


def outside_parent(
    start: dt.date | None, end: dt.date | None, parent_start: dt.date | None, parent_end: dt.date | None
) -> str | None:
    """The field (``valid_from`` or ``valid_to``) by which a child's validity leaves its parent's, or None.

    An empty start means "not known" and is not checked; an empty end means "still valid", which a parent with an
    end does not allow."""
    if parent_start and start is not None and start < parent_start:
        return "valid_from"
    if parent_end and (end is None or end > parent_end):
        return "valid_to"
    return None


def validate_unit(unit: OrgUnit) -> dict[str, str]:
    """Rules every unit obeys: no cycle, validity inside the parent's. Returns {field: message in the active language}.

    An empty ``valid_from`` means "not known" and is not checked against the parent; an empty ``valid_to`` means
    "still valid" and must agree with the parent's end."""
    errors: dict[str, str] = {}
    if unit.valid_from and unit.valid_to and unit.valid_from > unit.valid_to:
        errors["valid_to"] = gettext("The end date %(end)s is before the start date %(start)s.") % {
            "end": f"{unit.valid_to:%d/%m/%Y}",
            "start": f"{unit.valid_from:%d/%m/%Y}",
        }
    parent = unit.parent if unit.parent_id else None
    seen = {unit.pk} if unit.pk else set()
    cursor = parent
    while cursor is not None:
        if cursor.pk in seen or cursor.code == unit.code:
            errors["parent"] = gettext("Loop in the unit tree: «%(code)s» is below itself through «%(through)s».") % {
                "code": unit.code,
                "through": cursor.code,
            }
            break
        seen.add(cursor.pk)
        cursor = cursor.parent if cursor.parent_id else None
    if parent is not None and "parent" not in errors:
        field = outside_parent(unit.valid_from, unit.valid_to, parent.valid_from, parent.valid_to)
        if field == "valid_from":
            errors["valid_from"] = gettext(
                "Unit «%(code)s» is valid before its parent unit «%(parent)s» (from %(start)s)."
            ) % {"code": unit.code, "parent": parent.code, "start": f"{parent.valid_from:%d/%m/%Y}"}
        elif field == "valid_to":
            errors["valid_to"] = gettext(
                "Unit «%(code)s» is still valid after its parent unit «%(parent)s» ends (%(end)s)."
            ) % {"code": unit.code, "parent": parent.code, "end": f"{parent.valid_to:%d/%m/%Y}"}
    return errors


def validate_children(unit: OrgUnit) -> dict[str, str]:
    """A stored unit's stored children must stay inside its (new) validity. Returns {field: message}."""
    errors: dict[str, str] = {}
    for child in OrgUnit.objects.filter(parent_id=unit.pk).order_by("code"):
        field = outside_parent(child.valid_from, child.valid_to, unit.valid_from, unit.valid_to)
        if field and field not in errors:
            errors[field] = child_outside_message(field, child.code, unit.valid_from, unit.valid_to)
    return errors


def child_outside_message(field: str, child: str, start: dt.date | None, end: dt.date | None) -> str:
    """What to say when the child ``child`` leaves the validity of a parent that is being changed."""
    if field == "valid_from":
        return gettext("Its child unit «%(child)s» is valid before this unit starts (%(start)s).") % {
            "child": child,
            "start": f"{start:%d/%m/%Y}",
        }
    return gettext("Its child unit «%(child)s» is still valid after this unit ends (%(end)s).") % {
        "child": child,
        "end": f"{end:%d/%m/%Y}",
    }


@track
class UnitLink(models.Model):
    class Kind(models.TextChoices):
        MERGE = "merge", _("Merge")
        SPLIT = "split", _("Split")
        RENAME = "rename", _("Rename")
        REPARENT = "reparent", _("Change of parent")

    predecessor = models.ForeignKey(
        OrgUnit, verbose_name=_("predecessor unit"), on_delete=models.CASCADE, related_name="successor_links"
    )
    successor = models.ForeignKey(
        OrgUnit, verbose_name=_("successor unit"), on_delete=models.CASCADE, related_name="predecessor_links"
    )
    date = models.DateField(_("effective date"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    share = models.DecimalField(
        _("share transferred"),
        max_digits=7,
        decimal_places=6,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )

    class Meta:
        verbose_name = _("lineage link")
        verbose_name_plural = _("lineage links")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unitlink_unique_pair"),
            models.CheckConstraint(condition=Q(share__gte=0) & Q(share__lte=1), name="unitlink_share_0_1"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="unitlink_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor.code} → {self.successor.code} ({self.get_kind_display()}, {self.share})"


class Role(models.TextChoices):
    """What a user may do in the units they work for (and every unit below them). Codes as typed on the CLI."""

    VIEW = "xem", _("view")  # read pages, charts, reports and exports
    ENTER = "nhap-lieu", _("data entry")  # and enter or correct figures and targets
    APPROVE = "duyet", _("approve")  # and approve or reopen what was entered
    ADMINISTER = "quan-tri", _("administer")  # and manage the users of these units


@track
class UnitAccess(models.Model):
    """A user works for a unit and everything below it, with a role. Superusers may do everything everywhere.

    ``sectors`` optionally limits the grant to some sectors of the catalog (their codes; a sector covers its
    sub-sectors); empty means every sector. The units layer does not know the catalog (they are siblings), so the
    codes are checked by the paths that write a grant and know both (``ktxh users add --sector``, the admin form in
    :mod:`ktxh.web.admin`), and :func:`ktxh.units.scoping.allows` compares them with the sector a caller names. A
    code that no longer exists limits the grant to nothing of it: it fails closed."""

    user = models.ForeignKey("auth.User", verbose_name=_("user"), on_delete=models.CASCADE, related_name="unit_access")
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEW)
    sectors = models.JSONField(_("limited to sectors"), default=list, blank=True)

    class Meta:
        verbose_name = _("unit access")
        verbose_name_plural = _("unit access")
        constraints = [models.UniqueConstraint(fields=["user", "org_unit"], name="unitaccess_unique")]

    def __str__(self) -> str:
        limit = f": {', '.join(self.sectors)}" if self.sectors else ""
        return f"{self.user} — {self.org_unit} ({self.get_role_display()}{limit})"
