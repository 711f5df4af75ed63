"""Rules edited in the admin are checked as rule files are, and changes of a rule's indicators are in the history."""

import pytest
from django.contrib.auth.models import User

from ktxh.catalog.models import Indicator
from ktxh.history.models import ChangeRecord
from ktxh.history.recorder import history_of
from ktxh.rules.loader import RULE_COLUMNS, load_rules
from ktxh.rules.models import Rule
from tests.conftest import write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(loaded, client):
    User.objects.create_superuser("admin", "", "pw-123456")
    client.login(username="admin", password="pw-123456")
    return client


def form(**changes):
    data = {
        "code": "r",
        "name": "Hộ nghèo không quá tổng số hộ",
        "severity": "error",
        "when": "",
        "left": "ho_ngheo",
        "operator": "≤",
        "right": "tong_so_ho",
        "tolerance": "",
        "min_points": "",
        "message": "",
        "description": "",
        "active": "on",
        "order": "0",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "changes, field, text",
    [
        ({"right": "tong_so_ho +"}, "right", "tong_so_ho +"),
        ({"left": "khong_co"}, "left", "khong_co"),
        ({"when": "ho_ngheo >"}, "when", "biểu thức"),
        ({"tolerance": "abc"}, "tolerance", "abc"),
    ],
)
def test_a_broken_rule_is_a_form_error_next_to_its_field(admin_client, changes, field, text):
    response = admin_client.post("/admin/rules/rule/add/", form(**changes))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert field in errors and text in " ".join(errors[field]), errors
    assert not Rule.objects.exists()


def test_a_good_rule_is_saved_with_the_indicators_of_its_expressions(admin_client):
    response = admin_client.post("/admin/rules/rule/add/", form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    rule = Rule.objects.get(code="r")
    assert {i.code for i in rule.indicators.all()} == {"ho_ngheo", "tong_so_ho"}
    [record] = history_of(rule).filter(after__has_key="indicators")
    assert sorted(record.after["indicators"]) == sorted(
        Indicator.objects.filter(code__in=["ho_ngheo", "tong_so_ho"]).values_list("pk", flat=True)
    )


def test_rule_indicator_changes_from_files_are_in_the_history(loaded):
    folder = loaded.root / "rules"
    row = {"code": "r", "name": "r", "severity": "error", "left": "ho_ngheo", "operator": "<=", "right": "tong_so_ho"}
    write_csv(folder / "main.csv", RULE_COLUMNS, [row])
    load_rules(folder)
    rule = Rule.objects.get(code="r")
    ids = dict(Indicator.objects.values_list("code", "pk"))
    first = history_of(rule).get(after__has_key="indicators")
    assert (first.before, first.after) == (
        {"indicators": []},
        {"indicators": sorted([ids["ho_ngheo"], ids["tong_so_ho"]])},
    )
    write_csv(folder / "main.csv", RULE_COLUMNS, [dict(row, right="dan_lon")])
    load_rules(folder)
    records = history_of(rule).filter(after__has_key="indicators").order_by("id")
    assert records.last().after == {"indicators": sorted([ids["ho_ngheo"], ids["dan_lon"]])}
    assert all(r.action == ChangeRecord.Action.UPDATE for r in records)
