"""The authorization matrix: every route of the URL configuration and every operation of the API schema × every
role (with a grant limited to a sector among them) × the user's own unit, a unit below it, the unit above it and
another commune — what the one permission check (:mod:`ktxh.units.scoping`) promises, asked through HTTP.

The routes are read from the URL configuration and the operations from the OpenAPI schema: a route or an operation
without a rule here fails :func:`test_every_route_has_a_rule` — a new page must say who may use it.

Every role is granted on commune «xa» (which has the residential group «xa.tdp-1» below it and the district «huyen»
above it); «xa-moi» is another commune in another province. A refused request is a 404 (the unit is treated as
missing) or a 403 (a role too low on a unit the user may see, or no unit to enter figures for at all); an import's
refusal is its list of problems (400). Anonymous users are sent to sign in (the API answers 401/403). Two roles are
limited to the economy (KT): a grant limited to sectors is refused outputs of the whole unit (the Word report).

Then every route again for sector narrowing (:func:`test_sector_narrowing`): what a grant limited to KT reads of the
other sector (VX), compared with the same role on every sector; a route without a narrowing rule fails
:func:`test_every_route_has_a_narrowing_rule`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver

from ktxh.reports.models import ReportVersion
from ktxh.units.models import OrgUnit, Role, UnitAccess
from ktxh.units.scoping import Action
from ktxh.workflow.models import Submission

pytestmark = pytest.mark.django_db

PUBLIC, SIGNED_IN, ADMINISTRATORS = "public", "signed in", "administrators"
ENTERERS = "enterers"  # anyone who may enter figures for some unit (a page that lists those units)
RELATIONS = {"own": "xa", "child": "xa.tdp-1", "parent": "huyen", "other commune": "xa-moi"}
#: role name → (role, sectors of the grant)
ROLES = {
    "xem": (Role.VIEW, []),
    "nhap-lieu": (Role.ENTER, []),
    "duyet": (Role.APPROVE, []),
    "quan-tri": (Role.ADMINISTER, []),
    "nhap-lieu@KT": (Role.ENTER, ["KT"]),
    "xem@KT": (Role.VIEW, ["KT"]),
}
RANK = {
    Role.VIEW: Action.VIEW,
    Role.ENTER: Action.ENTER,
    Role.APPROVE: Action.APPROVE,
    Role.ADMINISTER: Action.ADMINISTER,
}
SECTOR_OF = {"dan_lon": "KT", "tong_so_ho": "VX"}  # the top sectors of the fixture's indicators


@dataclass
class Rule:
    """Who may use a route: ``needs`` is PUBLIC, SIGNED_IN, ADMINISTRATORS (of some unit) or the Action needed on
    the unit in the address; ``url`` is formatted with {unit}, {pk} (an object made at that unit) and {user} (a
    user working there). ``indicator`` names the figure a write touches: its sector counts."""

    needs: object
    url: str
    method: str = "GET"
    data: dict = field(default_factory=dict)
    indicator: str | None = None
    makes: str | None = None  # "report_version" | "proposal" | "colleague": the object {pk}/{user} names
    refused: tuple = (403, 404)
    api: bool = False
    whole_unit: bool = False  # an output of the whole unit: refused to a grant limited to sectors (403)

    @property
    def per_unit(self) -> bool:
        return isinstance(self.needs, Action)


CELL = "unit={unit}&indicator=dan_lon&period=2023&kind=actual"
WEB_RULES: dict[tuple[str, str], list[Rule]] = {
    ("healthz", "GET"): [Rule(PUBLIC, "/healthz")],
    ("login", "GET"): [Rule(PUBLIC, "/dang-nhap/")],
    ("logout", "POST"): [Rule(PUBLIC, "/dang-xuat/", "POST")],
    ("home", "GET"): [Rule(Action.VIEW, "/?unit={unit}&period=2023")],
    ("comparison", "GET"): [Rule(Action.VIEW, "/so-sanh/?unit={unit}&period=2023")],
    ("chart", "GET"): [Rule(Action.VIEW, "/bieu-do/chi-tieu.png?unit={unit}&period=2023")],
    ("report", "GET"): [Rule(Action.VIEW, "/bao-cao/?unit={unit}&period=2023", whole_unit=True)],
    ("catalog", "GET"): [Rule(SIGNED_IN, "/danh-muc/")],
    ("units", "GET"): [Rule(SIGNED_IN, "/don-vi/")],
    ("unit", "GET"): [Rule(Action.VIEW, "/don-vi/{unit}/")],
    ("entry", "GET"): [Rule(Action.ENTER, "/nhap-lieu/?unit={unit}&period=2023")],
    ("entry-cell", "GET"): [Rule(Action.ENTER, "/nhap-lieu/o/?" + CELL)],
    ("entry-cell", "POST"): [
        Rule(Action.ENTER, "/nhap-lieu/o/", "POST", {"text": "4.500", "version": "x"}, indicator="dan_lon"),
        Rule(Action.ENTER, "/nhap-lieu/o/", "POST", {"text": "1.200", "version": "x"}, indicator="tong_so_ho"),
    ],
    ("entry-detail", "GET"): [Rule(Action.ENTER, "/nhap-lieu/chi-tiet/?" + CELL)],
    ("targets", "GET"): [Rule(Action.ENTER, "/chi-tieu/?unit={unit}&year=2024")],
    ("targets", "POST"): [Rule(Action.ENTER, "/chi-tieu/?unit={unit}&year=2024", "POST", {"n": "0"})],
    ("reports-page", "GET"): [Rule(Action.VIEW, "/lap-bao-cao/?unit={unit}&period=2023", whole_unit=True)],
    ("reports-page", "POST"): [Rule(Action.ENTER, "/lap-bao-cao/?unit={unit}&period=2023", "POST", whole_unit=True)],
    ("report-version", "GET"): [
        Rule(Action.VIEW, "/lap-bao-cao/ban/{pk}.docx", makes="report_version", whole_unit=True)
    ],
    ("review", "GET"): [Rule(SIGNED_IN, "/xem-xet/")],
    ("review-decide", "POST"): [
        Rule(Action.ENTER, "/xem-xet/{pk}/", "POST", {"action": "reject"}, makes="proposal", indicator="dan_lon"),
        Rule(Action.ENTER, "/xem-xet/{pk}/", "POST", {"action": "accept"}, makes="proposal", indicator="tong_so_ho"),
    ],
    ("template", "GET"): [Rule(Action.ENTER, "/mau-excel/?unit={unit}&period=2023&download=1")],
    ("import", "GET"): [Rule(ENTERERS, "/nhap-tu-tep/")],
    # an upload is kept for its session; its preview (and so its confirmation) lists rows the user may not enter
    # as problems (400)
    ("import", "POST"): [
        Rule(Action.ENTER, "/nhap-tu-tep/", "POST", indicator="dan_lon", refused=(400, 403, 404)),
        Rule(Action.ENTER, "/nhap-tu-tep/", "POST", indicator="tong_so_ho", refused=(400, 403, 404)),
    ],
    ("import-preview", "GET"): [
        Rule(Action.ENTER, "/nhap-tu-tep/xem-truoc/", indicator="dan_lon", refused=(400, 403, 404))
    ],
    ("import-confirm", "POST"): [
        Rule(Action.ENTER, "/nhap-tu-tep/xac-nhan/", "POST", indicator="dan_lon", refused=(400, 403, 404)),
        Rule(Action.ENTER, "/nhap-tu-tep/xac-nhan/", "POST", indicator="tong_so_ho", refused=(400, 403, 404)),
    ],
    ("import-cancel", "POST"): [
        Rule(Action.ENTER, "/nhap-tu-tep/huy/", "POST", indicator="dan_lon", refused=(400, 403, 404))
    ],
    ("scorecard-xlsx", "GET"): [Rule(Action.VIEW, "/bang-danh-gia.xlsx?unit={unit}&period=2023")],
    ("appendix-xlsx", "GET"): [Rule(Action.VIEW, "/phu-luc.xlsx?unit={unit}&period=2023")],
    # the submission workflow: «approve» on a draft shows the right and changes nothing (a 302 back to the entry
    # page saying a draft cannot be approved; the API's 409)
    ("progress", "GET"): [Rule(Action.VIEW, "/tien-do/?unit={unit}&period=2023")],
    ("entry-workflow", "POST"): [
        Rule(
            Action.APPROVE,
            "/nhap-lieu/trang-thai/",
            "POST",
            {"unit": "{unit}", "sector": "KT", "period": "2023", "action": "approve"},
        )
    ],
    ("audit", "GET"): [Rule(ADMINISTRATORS, "/nhat-ky/")],
    ("audit-trail", "GET"): [Rule(Action.ADMINISTER, "/nhat-ky/{user}/", makes="colleague")],
    ("api:schema", "GET"): [Rule(PUBLIC, "/api/schema/")],
    ("api:docs", "GET"): [Rule(PUBLIC, "/api/docs/")],
    ("api:redoc", "GET"): [Rule(PUBLIC, "/api/redoc/")],
}


def _figure(indicator: str) -> dict:
    return {
        "figures": [{"org_unit": "{unit}", "indicator": indicator, "period": "{year}", "kind": "actual", "value": 7}]
    }


def _year(code: str) -> str:
    """A year in which the unit exists (the communes of 2023 ended on 30/6/2025, «xa-moi» began on 1/7/2025)."""
    return "2026" if code == "xa-moi" else "2024"


API_RULES: dict[tuple[str, str], list[Rule]] = {
    ("/api/indicators/", "GET"): [Rule(SIGNED_IN, "/api/indicators/", api=True)],
    ("/api/target-sources/", "GET"): [Rule(SIGNED_IN, "/api/target-sources/", api=True)],
    ("/api/units/", "GET"): [Rule(SIGNED_IN, "/api/units/", api=True)],
    ("/api/units/{code}/", "GET"): [Rule(Action.VIEW, "/api/units/{unit}/", api=True)],
    ("/api/figures/", "GET"): [Rule(Action.VIEW, "/api/figures/?org_unit={unit}", api=True)],
    ("/api/figures/", "POST"): [
        Rule(Action.ENTER, "/api/figures/", "POST", _figure("dan_lon"), indicator="dan_lon", api=True),
        Rule(Action.ENTER, "/api/figures/", "POST", _figure("tong_so_ho"), indicator="tong_so_ho", api=True),
    ],
    ("/api/targets/", "GET"): [Rule(Action.VIEW, "/api/targets/?org_unit={unit}", api=True)],
    ("/api/scorecards/", "GET"): [Rule(Action.VIEW, "/api/scorecards/?org_unit={unit}&period=2023", api=True)],
    ("/api/imports/", "POST"): [
        Rule(Action.ENTER, "/api/imports/", "POST", indicator="dan_lon", refused=(400, 403, 404), api=True),
        Rule(Action.ENTER, "/api/imports/", "POST", indicator="tong_so_ho", refused=(400, 403, 404), api=True),
    ],
    ("/api/workflow/", "GET"): [Rule(Action.VIEW, "/api/workflow/?org_unit={unit}&period=2023", api=True)],
    ("/api/workflow/", "POST"): [
        Rule(
            Action.APPROVE,
            "/api/workflow/",
            "POST",
            {"org_unit": "{unit}", "sector": "KT", "period": "2023", "action": "approve"},
            api=True,
        )
    ],
    ("/api/workflow/progress/", "GET"): [
        Rule(Action.VIEW, "/api/workflow/progress/?org_unit={unit}&period=2023", api=True)
    ],
    ("/api/reports/", "GET"): [
        Rule(Action.VIEW, "/api/reports/?org_unit={unit}&period=2023", api=True, whole_unit=True)
    ],
    ("/api/reports/", "POST"): [
        Rule(Action.ENTER, "/api/reports/", "POST", {"org_unit": "{unit}", "period": "2023"}, api=True, whole_unit=True)
    ],
    ("/api/reports/{id}/", "GET"): [
        Rule(Action.VIEW, "/api/reports/{pk}/", makes="report_version", api=True, whole_unit=True)
    ],
    ("/api/reports/{id}/{fmt}", "GET"): [
        Rule(Action.VIEW, "/api/reports/{pk}/docx", makes="report_version", api=True, whole_unit=True)
    ],
}


def _routes(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner or namespace)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), prefix + str(pattern.pattern)


def _api_operations():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {(path, method.upper()) for path, operations in schema["paths"].items() for method in operations}


def test_every_route_has_a_rule():
    """A new page or API operation fails here until it says who may use it (the admin is for superusers only:
    ``ktxh.units.admin.superusers_only``, checked below)."""
    api_names = {name for name, _route in _routes(get_resolver().url_patterns) if name and name.startswith("api:")}
    api_names -= {"api:schema", "api:docs", "api:redoc"}
    covered = {name for name, _method in WEB_RULES}
    missing = []
    for name, route in _routes(get_resolver().url_patterns):
        if route.startswith("admin/") or name in api_names:
            continue
        if name not in covered:
            missing.append(f"{name} ({route})")
    assert not missing, f"routes without a rule in the authorization matrix: {missing}"
    operations = _api_operations()
    assert operations - set(API_RULES) == set(), "API operations without a rule"
    assert set(API_RULES) - operations == set(), "rules of API operations that are gone"
    assert api_names, "the API's routes were found"


@pytest.fixture
def world(loaded):
    """A user per role, each granted on «xa»; a superuser."""
    xa = OrgUnit.objects.get(code="xa")
    users = {}
    for name, (role, sectors) in ROLES.items():
        user = User.objects.create_user(f"r-{name}", "", "Mat-khau-rat-dai-2024")
        UnitAccess.objects.create(user=user, org_unit=xa, role=role, sectors=sectors)
        users[name] = user
    users["superuser"] = User.objects.create_superuser("r-super", "", "Mat-khau-rat-dai-2024")
    return users


def _make(rule: Rule, code: str) -> dict:
    from ktxh.catalog.models import Indicator
    from ktxh.ingest.models import ProposedFigure

    unit = OrgUnit.objects.get(code=code)
    if rule.makes == "report_version":
        number = ReportVersion.objects.filter(org_unit=unit).count() + 1
        return {"pk": ReportVersion.objects.create(org_unit=unit, period="2023", number=number, docx=b"PK").pk}
    if rule.makes == "proposal":
        proposal = ProposedFigure.objects.create(
            org_unit=unit,
            indicator=Indicator.objects.get(code=rule.indicator),
            period="2031",
            kind="actual",
            value=Decimal(5),
            sentence="…",
            report="bao-cao.docx",
            confidence=Decimal("0.9"),
        )
        return {"pk": proposal.pk}
    if rule.makes == "colleague":
        colleague = User.objects.create_user(f"dong-nghiep-{User.objects.count()}", "", "Mat-khau-rat-dai-2024")
        UnitAccess.objects.create(user=colleague, org_unit=unit, role=Role.VIEW)
        return {"user": colleague.pk}
    return {}


def _upload(rule: Rule, code: str) -> io.BytesIO:
    """A CSV of one figure of ``rule.indicator`` for unit ``code``."""
    from ktxh.exchange.csvfile import VALUE_COLUMNS

    row = {c: "" for c in VALUE_COLUMNS} | {
        "org_unit_code": code,
        "indicator_code": rule.indicator,
        "period": _year(code),
        "kind": "actual",
        "value": "7",
    }
    text = ",".join(VALUE_COLUMNS) + "\n" + ",".join(row[c] for c in VALUE_COLUMNS) + "\n"
    upload = io.BytesIO(text.encode("utf-8"))
    upload.name = "so-lieu.csv"
    return upload


def _web_import(client, rule: Rule, code: str):
    """The web import as a user goes through it: upload, preview, then confirm or cancel (the step the rule names);
    a refused step ends the walk with its answer."""
    uploaded = client.post("/nhap-tu-tep/", {"file": _upload(rule, code)})
    if uploaded.status_code != 302 or "?t=" not in uploaded["Location"]:
        return uploaded  # refused, or sent to sign in
    token = uploaded["Location"].split("?t=", 1)[1]
    preview = client.get(f"/nhap-tu-tep/xem-truoc/?t={token}")
    if preview.status_code != 200 or rule.url in ("/nhap-tu-tep/", "/nhap-tu-tep/xem-truoc/"):
        return preview
    return client.post(rule.url, {"token": token})


def _request(client, rule: Rule, code: str):
    names = {"unit": code, **_make(rule, code)}
    url = rule.url.format(**names)
    if url.startswith("/nhap-tu-tep/") and rule.indicator:
        return _web_import(client, rule, code)
    if rule.method == "GET":
        return client.get(url)
    if rule.api and "/imports/" in url:
        return client.post(url, {"file": _upload(rule, code)})
    if rule.api:
        import json

        body = json.loads(json.dumps(rule.data).replace("{unit}", code).replace("{year}", _year(code)))
        return client.post(url, body, content_type="application/json")
    data = {key: value.format(**names) if isinstance(value, str) else value for key, value in rule.data.items()}
    if "/nhap-lieu/o/" in url:
        data |= {"unit": code, "indicator": rule.indicator, "period": _year(code), "kind": "actual"}
    if "/chi-tieu/" in url or "/lap-bao-cao/" in url:
        data |= {"unit": code}
    return client.post(url, data)


def _expected(rule: Rule, role: str, relation: str) -> bool:
    if role == "superuser":
        return True
    grant, sectors = ROLES[role]
    if rule.needs == SIGNED_IN:
        return True
    if rule.needs == ADMINISTRATORS:
        return RANK[grant] >= Action.ADMINISTER
    if rule.needs == ENTERERS:
        return RANK[grant] >= Action.ENTER
    if relation not in ("own", "child") or RANK[grant] < rule.needs:
        return False
    if rule.whole_unit and sectors:
        return False
    return not sectors or rule.indicator is None or SECTOR_OF[rule.indicator] in sectors


def _allowed(response, rule: Rule) -> bool:
    """Whether the request got past the permission check: a 400 did (the report of a residential group, which
    only communes have, is a 400 for whoever may see the group), except where the rule names it a refusal."""
    if response.status_code in rule.refused:
        return False
    assert response.status_code < 500, (response.status_code, response.content[:300])
    return not (response.status_code == 302 and "/dang-nhap/" in response["Location"])


ALL_RULES = [
    pytest.param(rule, id=f"{key[0]} {key[1]} {rule.indicator or ''}".strip())
    for rules in (WEB_RULES, API_RULES)
    for key, group in rules.items()
    for rule in group
]


@pytest.mark.parametrize("rule", ALL_RULES)
def test_matrix(world, client, rule):
    from django.test import Client

    anonymous = _request(Client(), rule, "xa")
    if rule.needs == PUBLIC:
        assert anonymous.status_code < 400, anonymous.status_code
    elif rule.api:
        assert anonymous.status_code in (401, 403), anonymous.status_code
    else:
        assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous["Location"]
    if rule.needs == PUBLIC:
        return
    wrong = []
    for role, user in world.items():
        client.force_login(user)
        for relation, code in RELATIONS.items() if rule.per_unit else [("own", "xa")]:
            response = _request(client, rule, code)
            got, want = _allowed(response, rule), _expected(rule, role, relation)
            if got != want:
                wrong.append(
                    f"{role} on {relation} ({code}): {response.status_code}, expected {'ok' if want else 'refused'}"
                )
    assert not wrong, "\n".join(wrong)
    assert not Submission.objects.exclude(state="draft").exists(), "a request of the matrix changed a state"


def test_the_admin_is_for_superusers_only(world, client):
    for role, user in world.items():
        client.force_login(user)
        response = client.get("/admin/units/unitaccess/")
        if role == "superuser":
            assert response.status_code == 200
        else:
            assert response.status_code == 302 and "/admin/login/" in response["Location"]


# -- Sector narrowing ------------------------------------------------------------------------------------------------
#
# Every route again, for a grant limited to the economy (KT): what it shows of the other sectors (VX). Each route
# says how it narrows, and the rule is checked against a user with the same role on every sector, so that a check
# cannot pass by showing nothing:
#
# - VALUES: the route shows figures; the unlimited user sees some VX value, the limited one none and some KT value;
# - PROBE: the address names one figure, sector or proposal of VX: 404 (logged) for the limited user, not for the
#   other;
# - WHOLE_UNIT: an output of the whole unit (the Word report): refused (403) to the limited user;
# - NO_FIGURES: the route shows no figure of any sector (the unlimited user's answer holds no VX value either);
# - WRITE: a write, whose sector is checked by the matrix above (its rules name an indicator or a sector).

VALUES, PROBE, WHOLE_UNIT, NO_FIGURES, WRITE = "values", "probe", "whole unit", "no figures", "write"
#: values only the narrowing fixture gives, of the society sector (VX) and of the economy (KT), as each output
#: writes them (plain in JSON, CSV and Excel; Vietnamese on pages)
VX_VALUES = ("5281", "5.281", "5291", "5.291", "5271", "5.271", "5261", "5.261", "5251", "5.251")
KT_VALUES = ("4426", "4.426", "4411", "4.411", "4401", "4.401", "4391", "4.391", "5000", "5.000")
VX_SECTOR = ("Văn hóa - Xã hội",)
KT_SECTOR = ("Kinh tế",)


@dataclass
class Narrow:
    kind: str
    url: str = ""
    role: Role = Role.VIEW
    hidden: tuple = VX_VALUES
    shown: tuple = KT_VALUES
    makes: str | None = None  # "proposal": {pk} is a VX proposal


NARROWING: dict[tuple[str, str], list[Narrow]] = {
    ("healthz", "GET"): [Narrow(NO_FIGURES, "/healthz")],
    ("login", "GET"): [Narrow(NO_FIGURES, "/dang-nhap/")],
    ("logout", "POST"): [Narrow(NO_FIGURES)],
    ("home", "GET"): [Narrow(VALUES, "/?unit=xa&period=2023")],
    ("comparison", "GET"): [Narrow(VALUES, "/so-sanh/?unit=xa&period=2023")],
    # the chart's specification (names of indicators) is what the PNG draws: see _spy_charts
    ("chart", "GET"): [
        Narrow(VALUES, "/bieu-do/chi-tieu.png?unit=xa&period=2023", hidden=("Tỷ lệ hộ nghèo",), shown=("Đàn lợn",))
    ],
    ("report", "GET"): [Narrow(WHOLE_UNIT, "/bao-cao/?unit=xa&period=2023")],
    ("catalog", "GET"): [Narrow(NO_FIGURES, "/danh-muc/")],
    ("units", "GET"): [Narrow(NO_FIGURES, "/don-vi/")],
    ("unit", "GET"): [Narrow(NO_FIGURES, "/don-vi/xa/")],
    ("entry", "GET"): [
        Narrow(VALUES, "/nhap-lieu/?unit=xa&period=2023&sector=KT", Role.ENTER, hidden=VX_SECTOR, shown=("Đàn lợn",)),
        Narrow(PROBE, "/nhap-lieu/?unit=xa&period=2023&sector=VX", Role.ENTER),
    ],
    ("entry-cell", "GET"): [
        Narrow(PROBE, "/nhap-lieu/o/?unit=xa&indicator=tong_so_ho&period=2023&kind=actual", Role.ENTER)
    ],
    ("entry-cell", "POST"): [Narrow(WRITE)],
    ("entry-detail", "GET"): [
        Narrow(PROBE, "/nhap-lieu/chi-tiet/?unit=xa&indicator=tong_so_ho&period=2023&kind=actual", Role.ENTER)
    ],
    ("targets", "GET"): [
        Narrow(VALUES, "/chi-tieu/?unit=xa&year=2024", Role.ENTER),
        Narrow(PROBE, "/chi-tieu/?unit=xa&year=2024&add=tong_so_ho", Role.ENTER),
    ],
    ("targets", "POST"): [Narrow(WRITE)],
    ("reports-page", "GET"): [Narrow(WHOLE_UNIT, "/lap-bao-cao/?unit=xa&period=2023")],
    ("reports-page", "POST"): [Narrow(WHOLE_UNIT, "/lap-bao-cao/?unit=xa&period=2023", Role.ENTER)],
    ("report-version", "GET"): [Narrow(WHOLE_UNIT, "/lap-bao-cao/ban/{pk}.docx", makes="report_version")],
    ("review", "GET"): [Narrow(VALUES, "/xem-xet/", Role.ENTER)],
    ("review-decide", "POST"): [Narrow(PROBE, "/xem-xet/{pk}/", Role.ENTER, makes="proposal")],
    ("template", "GET"): [
        Narrow(VALUES, "/mau-excel/?unit=xa&period=2024&download=1", Role.ENTER),
        Narrow(PROBE, "/mau-excel/?unit=xa&period=2024&sector=VX&download=1", Role.ENTER),
    ],
    ("import", "GET"): [Narrow(NO_FIGURES, "/nhap-tu-tep/", Role.ENTER)],
    ("import", "POST"): [Narrow(WRITE)],
    ("import-preview", "GET"): [Narrow(WRITE)],
    ("import-confirm", "POST"): [Narrow(WRITE)],
    ("import-cancel", "POST"): [Narrow(WRITE)],
    ("scorecard-xlsx", "GET"): [Narrow(VALUES, "/bang-danh-gia.xlsx?unit=xa&period=2023")],
    ("appendix-xlsx", "GET"): [Narrow(VALUES, "/phu-luc.xlsx?unit=xa&period=2023")],
    ("progress", "GET"): [Narrow(VALUES, "/tien-do/?unit=xa&period=2023", hidden=VX_SECTOR, shown=KT_SECTOR)],
    ("entry-workflow", "POST"): [Narrow(WRITE)],
    ("audit", "GET"): [Narrow(NO_FIGURES, "/nhat-ky/", Role.ADMINISTER)],
    ("audit-trail", "GET"): [
        Narrow(VALUES, "/nhat-ky/{officer}/", Role.ADMINISTER),
        Narrow(VALUES, "/nhat-ky/{officer}/?format=csv", Role.ADMINISTER),
        Narrow(VALUES, "/nhat-ky/{officer}/?format=xlsx", Role.ADMINISTER),
    ],
    ("api:schema", "GET"): [Narrow(NO_FIGURES, "/api/schema/")],
    ("api:docs", "GET"): [Narrow(NO_FIGURES, "/api/docs/")],
    ("api:redoc", "GET"): [Narrow(NO_FIGURES, "/api/redoc/")],
    ("/api/indicators/", "GET"): [Narrow(NO_FIGURES, "/api/indicators/")],
    ("/api/target-sources/", "GET"): [Narrow(NO_FIGURES, "/api/target-sources/")],
    ("/api/units/", "GET"): [Narrow(NO_FIGURES, "/api/units/")],
    ("/api/units/{code}/", "GET"): [Narrow(NO_FIGURES, "/api/units/xa/")],
    ("/api/figures/", "GET"): [
        Narrow(VALUES, "/api/figures/?org_unit=xa"),
        Narrow(PROBE, "/api/figures/?org_unit=xa&indicator=tong_so_ho"),
    ],
    ("/api/figures/", "POST"): [Narrow(WRITE)],
    ("/api/targets/", "GET"): [
        Narrow(VALUES, "/api/targets/?org_unit=xa"),
        Narrow(PROBE, "/api/targets/?org_unit=xa&indicator=tong_so_ho"),
    ],
    ("/api/scorecards/", "GET"): [Narrow(VALUES, "/api/scorecards/?org_unit=xa&period=2023")],
    ("/api/imports/", "POST"): [Narrow(WRITE)],
    ("/api/workflow/", "GET"): [
        Narrow(VALUES, "/api/workflow/?org_unit=xa&period=2023", hidden=('"VX"',), shown=('"KT"',))
    ],
    ("/api/workflow/", "POST"): [Narrow(WRITE)],
    ("/api/workflow/progress/", "GET"): [
        Narrow(VALUES, "/api/workflow/progress/?org_unit=xa&period=2023", hidden=('"VX"',), shown=('"KT"',))
    ],
    ("/api/reports/", "GET"): [Narrow(WHOLE_UNIT, "/api/reports/?org_unit=xa&period=2023")],
    ("/api/reports/", "POST"): [Narrow(WHOLE_UNIT, "/api/reports/", Role.ENTER)],
    ("/api/reports/{id}/", "GET"): [Narrow(WHOLE_UNIT, "/api/reports/{pk}/", makes="report_version")],
    ("/api/reports/{id}/{fmt}", "GET"): [Narrow(WHOLE_UNIT, "/api/reports/{pk}/docx", makes="report_version")],
}


def test_every_route_has_a_narrowing_rule():
    """A route with a rule of who may use it says too how it narrows to a grant's sectors (and the matrix's rules
    cover every route: :func:`test_every_route_has_a_rule`)."""
    routes = set(WEB_RULES) | set(API_RULES)
    assert routes - set(NARROWING) == set(), "routes without a narrowing rule"
    assert set(NARROWING) - routes == set(), "narrowing rules of routes that are gone"
    for key, narrows in NARROWING.items():
        if any(n.kind == WRITE for n in narrows):
            rules = (WEB_RULES | API_RULES)[key]
            assert all(r.method == "POST" or r.indicator for r in rules), key
            assert any(r.indicator or "sector" in r.data for r in rules) or key in (
                ("targets", "POST"),  # the rows of other sectors: tests/units/test_sector_limits.py
            ), f"{key}: a write whose sector the matrix does not check"


@pytest.fixture
def narrowed(files, db):
    """The fixture's data with figures of both sectors everywhere a read path looks: a second residential group
    (so that the groups are compared), targets, a proposal each, and an officer who changed figures of both."""
    from ktxh.catalog.models import Indicator
    from ktxh.datasets import load_dataset
    from ktxh.ingest.models import ProposedFigure
    from ktxh.periods import Period
    from ktxh.values import entry

    files.tables["units"].append(
        {
            "code": "xa.tdp-2",
            "name": "Tổ dân phố 2",
            "type": "residential_group",
            "parent": "xa",
            "valid_to": "2025-06-30",
        }
    )
    actual = {"period": "2023", "kind": "actual"}
    files.tables["values"] += [
        {"org_unit": "xa", "indicator": "tong_so_ho", "value": "5281", **actual},
        {"org_unit": "xa.tdp-1", "indicator": "ho_ngheo", "value": "5271", **actual},
        {"org_unit": "xa.tdp-2", "indicator": "ho_ngheo", "value": "5272", **actual},
        {"org_unit": "xa.tdp-1", "indicator": "dan_lon", "value": "4411", **actual},
        {"org_unit": "xa.tdp-2", "indicator": "dan_lon", "value": "4412", **actual},
        {
            "org_unit": "xa",
            "indicator": "tong_so_ho",
            "period": "2024",
            "kind": "target",
            "target_source": "ke_hoach",
            "target_form": "exact",
            "value": "5291",
        },
        {
            "org_unit": "xa",
            "indicator": "dan_lon",
            "period": "2023",
            "kind": "target",
            "target_source": "huyen_giao",
            "target_form": "at_least",
            "value": "4000",
        },
    ]
    load_dataset(files.write().dataset, catalog=files.catalog)
    xa = OrgUnit.objects.get(code="xa")
    officer = User.objects.create_user("can-bo", "", "Mat-khau-rat-dai-2024")
    UnitAccess.objects.create(user=officer, org_unit=xa, role=Role.ENTER)
    y2022 = Period.parse("2022")
    for code, first, text in (("tong_so_ho", "5.260", "5.261"), ("dan_lon", "4.400", "4.401")):
        indicator = Indicator.objects.get(code=code)
        saved = entry.save_value(officer, xa, indicator, y2022, "actual", first, "")
        saved = entry.save_value(officer, xa, indicator, y2022, "actual", text, saved.cell.version)
        assert saved.status == entry.SAVED  # a change: the trail shows it before → after
    for code, value in (("tong_so_ho", 5251), ("dan_lon", 4391)):
        ProposedFigure.objects.create(
            org_unit=xa,
            indicator=Indicator.objects.get(code=code),
            period="2022",
            kind="actual",
            value=Decimal(value),
            sentence="…",
            report="bao-cao.docx",
            confidence=Decimal("0.9"),
        )
    return {"officer": officer.pk, "proposal": ProposedFigure.objects.get(indicator__code="tong_so_ho").pk}


def _text(response) -> str:
    """What a reader gets, as text: a page or JSON or CSV as it is; an Excel or Word file as the XML inside it."""
    import zipfile

    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return body.decode("utf-8", "replace")


NARROW_CASES = [
    pytest.param(key, narrow, id=f"{key[0]} {key[1]} {narrow.kind} {narrow.url}".strip())
    for key, narrows in NARROWING.items()
    for narrow in narrows
    if narrow.url
]


@pytest.mark.parametrize(("key", "narrow"), NARROW_CASES)
def test_sector_narrowing(narrowed, client, key, narrow, caplog, monkeypatch):
    if key == ("chart", "GET"):  # the chart's PNG as its specification's text: what is drawn, readable
        monkeypatch.setattr("ktxh.charts.to_png", lambda spec, scale=1: repr(spec).encode())
    xa = OrgUnit.objects.get(code="xa")
    users = {}
    for name, sectors in (("every", []), ("economy", ["KT"])):
        users[name] = User.objects.create_user(f"n-{name}", "", "Mat-khau-rat-dai-2024")
        UnitAccess.objects.create(user=users[name], org_unit=xa, role=narrow.role, sectors=sectors)
    names = {"officer": narrowed["officer"], "pk": narrowed["proposal"]}
    if narrow.makes == "report_version":
        names["pk"] = ReportVersion.objects.create(org_unit=xa, period="2023", number=1, docx=b"PK").pk
    url = narrow.url.format(**names)
    method = "post" if key[1] == "POST" else "get"
    data = {"action": "reject"} if narrow.makes == "proposal" else {}
    if key == ("/api/reports/", "POST"):
        data = {"org_unit": "xa", "period": "2023"}

    def ask(who):
        client.force_login(users[who])
        caplog.clear()
        return getattr(client, method)(url, data)

    every = ask("every")
    # (a report the builder refuses, of a commune without a template, is a 400 past the permission check)
    assert every.status_code < 400 or (narrow.kind == WHOLE_UNIT and every.status_code == 400), (
        every.status_code,
        _text(every)[:300],
    )
    if narrow.kind == NO_FIGURES:
        assert not [v for v in narrow.hidden if v in _text(every)], "a route said to show no figures shows some"
        return
    with caplog.at_level("WARNING", logger="ktxh.security"):
        economy = ask("economy")
    if narrow.kind == WHOLE_UNIT:
        assert economy.status_code == 403, economy.status_code
        return
    if narrow.kind == PROBE:
        assert economy.status_code == 404, economy.status_code
        assert "outside scope: user=n-economy" in caplog.text, "the probe is noted in the security log"
        return
    assert economy.status_code == 200, economy.status_code
    seen, other = _text(every), _text(economy)
    assert [v for v in narrow.hidden if v in seen], "the unlimited user sees the other sector (the check can fail)"
    assert not [v for v in narrow.hidden if v in other], "the limited user sees another sector's figures"
    assert [v for v in narrow.shown if v in other], "the limited user sees their own sector's figures"
