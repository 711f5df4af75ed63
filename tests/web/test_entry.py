"""The save service (ktxh.values.entry) and the data-entry grid: Vietnamese numbers, ambiguity asked back, no lost
update, findings and history beside the cell, scope."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from ktxh.catalog.models import Indicator
from ktxh.figures import statements as stored
from ktxh.periods import Period
from ktxh.units.models import OrgUnit, Role, UnitAccess
from ktxh.values import entry

pytestmark = pytest.mark.django_db
Y2023 = Period.parse("2023")


@pytest.fixture
def people(loaded):
    xa = OrgUnit.objects.get(code="xa")
    admin = User.objects.create_superuser("admin", "", "pw-123456")
    an = User.objects.create_user("an", "", "pw-123456", first_name="An")
    UnitAccess.objects.create(user=an, org_unit=xa, role=Role.ENTER)
    binh = User.objects.create_user("binh", "", "pw-123456")
    UnitAccess.objects.create(user=binh, org_unit=xa, role=Role.ENTER)
    reader = User.objects.create_user("xem", "", "pw-123456")
    UnitAccess.objects.create(user=reader, org_unit=xa, role=Role.VIEW)
    return {"xa": xa, "admin": admin, "an": an, "binh": binh, "reader": reader}


def ind(code):
    return Indicator.objects.select_related("unit").get(code=code)


def stored_value(unit, code, kind="actual", period="2023"):
    found = [
        s
        for s in stored.load(unit_ids=[unit.pk], periods=[period], kinds=[kind])
        if s.indicator_id == ind(code).pk and not s.disaggregation and not s.variant
    ]
    return found[0] if found else None


def test_vietnamese_number_is_saved_as_typed(people):
    xa = people["xa"]
    cell = entry.current(xa, ind("dat_nong_nghiep"), Y2023, "actual")
    result = entry.save_value(people["an"], xa, ind("dat_nong_nghiep"), Y2023, "actual", "1.234,5", cell.version)
    assert result.status == entry.SAVED
    assert str(stored_value(xa, "dat_nong_nghiep").value.normalize()) == "1234.5"
    assert result.cell.shown() == "1.234,5" and result.cell.version != cell.version


def test_ambiguous_entry_is_asked_back_never_guessed(people):
    xa = people["xa"]
    cell = entry.current(xa, ind("dat_nong_nghiep"), Y2023, "actual")
    result = entry.save_value(people["an"], xa, ind("dat_nong_nghiep"), Y2023, "actual", "1.234", cell.version)
    assert result.status == entry.INVALID and "1.234" in result.errors["value"]
    assert [c[0] for c in result.choices] == ["1234", "1,234"]
    assert stored_value(xa, "dat_nong_nghiep").value == Decimal("639.93")  # nothing saved
    # an integer indicator has no decimals: 1.234 is one thousand two hundred and thirty-four
    pigs = entry.current(xa, ind("dan_lon"), Y2023, "actual")
    assert entry.save_value(people["an"], xa, ind("dan_lon"), Y2023, "actual", "1.234", pigs.version).ok
    assert stored_value(xa, "dan_lon").value == 1234


@pytest.mark.parametrize(
    "typed, word", [("abc", "không phải số"), ("-5", "âm"), ("12.5", "kiểu Việt Nam"), ("１２", "0–9")]
)
def test_bad_input_says_what_is_wrong_and_saves_nothing(people, typed, word, settings):
    settings.LANGUAGE_CODE = "vi"
    xa = people["xa"]
    cell = entry.current(xa, ind("dan_lon"), Y2023, "actual")
    result = entry.save_value(people["an"], xa, ind("dan_lon"), Y2023, "actual", typed, cell.version)
    assert result.status == entry.INVALID
    assert word in result.errors["value"].lower() or word in result.errors["value"]
    assert stored_value(xa, "dan_lon").value == 4426


def test_no_lost_update(people):
    xa, pigs = people["xa"], ind("dan_lon")
    start = entry.current(xa, pigs, Y2023, "actual")
    assert entry.save_value(people["an"], xa, pigs, Y2023, "actual", "4.500", start.version).status == entry.SAVED
    late = entry.save_value(people["binh"], xa, pigs, Y2023, "actual", "4.600", start.version)
    assert late.status == entry.CONFLICT
    assert late.cell.value == 4500 and late.cell.changed_by == "an" and late.cell.changed_at is not None
    assert stored_value(xa, "dan_lon").value == 4500


def test_new_cell_entered_twice_from_empty_is_a_conflict(people):
    xa, homes = people["xa"], ind("tong_so_ho")
    assert entry.save_value(people["an"], xa, homes, Y2023, "actual", "5.000", "").status == entry.SAVED
    assert entry.save_value(people["binh"], xa, homes, Y2023, "actual", "5.100", "").status == entry.CONFLICT


def test_empty_text_deletes_and_comment_alone_saves(people):
    xa, pigs = people["xa"], ind("dan_lon")
    start = entry.current(xa, pigs, Y2023, "actual")
    result = entry.save_value(people["an"], xa, pigs, Y2023, "actual", "4.426", start.version, "số ước")
    assert result.status == entry.SAVED and stored_value(xa, "dan_lon").comment == "số ước"
    assert entry.save_value(people["an"], xa, pigs, Y2023, "actual", "", result.cell.version).status == entry.SAVED
    assert stored_value(xa, "dan_lon") is None


def test_closed_figure_saves_nothing(people):
    from ktxh.values import locks

    xa, pigs = people["xa"], ind("dan_lon")

    def closed(places):
        return {(u.pk, p, i.pk): "Kỳ đã khóa." for u, p, i in places if p == "2023" and i.code == "dan_lon"}

    entry.register_lock(closed)
    try:
        start = entry.current(xa, pigs, Y2023, "actual")
        result = entry.save_value(people["an"], xa, pigs, Y2023, "actual", "1", start.version)
        assert result.status == entry.INVALID and result.errors["value"] == "Kỳ đã khóa."
        homes = ind("tong_so_ho")
        assert entry.save_value(people["an"], xa, homes, Y2023, "actual", "1", "").status == entry.SAVED
    finally:
        locks.unregister_lock(closed)


def test_reader_may_not_save(people):
    with pytest.raises(PermissionDenied):
        entry.save_value(people["reader"], people["xa"], ind("dan_lon"), Y2023, "actual", "1", "")


def test_history_records_who_and_what(people):
    xa, pigs = people["xa"], ind("dan_lon")
    start = entry.current(xa, pigs, Y2023, "actual")
    entry.save_value(people["an"], xa, pigs, Y2023, "actual", "4.500", start.version)
    records = entry.history(xa, pigs, Y2023, "actual")
    assert records[0].actor == "an"


# -- the pages ------------------------------------------------------------------------------------------------


def test_grid_needs_login_and_entry_role(people, client):
    assert client.get("/nhap-lieu/").status_code == 302
    client.login(username="xem", password="pw-123456")
    assert client.get("/nhap-lieu/").status_code == 403
    assert (
        client.post(
            "/nhap-lieu/o/", {"unit": "xa", "indicator": "dan_lon", "period": "2023", "kind": "actual", "text": "1"}
        ).status_code
        == 404
    )


def test_grid_shows_cells_with_codes_and_text_fields(people, client):
    client.login(username="an", password="pw-123456")
    page = client.get("/nhap-lieu/?unit=xa&period=2023&sector=KT").content.decode()
    assert 'data-indicator="dan_lon" data-unit="xa" data-period="2023" data-kind="actual"' in page
    assert 'value="4.426"' in page and 'type="number"' not in page
    version = entry.current(people["xa"], ind("dan_lon"), Y2023, "actual").version
    assert f'name="version" value="{version}"' in page  # each cell carries the version it started from
    assert "Đàn lợn" in page and "Số hộ nghèo" not in page  # only the chosen sector
    other = client.get("/nhap-lieu/?unit=xa&period=2023&sector=VX").content.decode()
    assert "dưới 2,03" in other  # the target beside the row
    assert client.get("/nhap-lieu/?unit=tinh-moi&period=2023").status_code == 404  # outside scope
    assert client.get("/nhap-lieu/?unit=khong-co").status_code == 404


def post_cell(client, text, version, **extra):
    data = {
        "unit": "xa",
        "indicator": "dan_lon",
        "period": "2023",
        "kind": "actual",
        "text": text,
        "version": version,
        "row": "1",
    }
    data.update(extra)
    return client.post("/nhap-lieu/o/", data, HTTP_HX_REQUEST="true")


def test_cell_save_shows_the_saved_value_and_findings(people, client):
    client.login(username="an", password="pw-123456")
    version = entry.current(people["xa"], ind("dan_lon"), Y2023, "actual").version
    page = post_cell(client, "4.500", version).content.decode()
    assert 'value="4.500"' in page and 'id="f-' in page and 'hx-swap-oob="true"' in page
    assert "đã lưu" in page


def test_cell_bad_input_keeps_what_was_typed(people, client):
    client.login(username="an", password="pw-123456")
    version = entry.current(people["xa"], ind("dan_lon"), Y2023, "actual").version
    page = post_cell(client, "4,5x", version).content.decode()
    assert 'value="4,5x"' in page and 'role="alert"' in page and "Traceback" not in page
    assert f'value="{version}"' in page  # still the version the person started from
    assert 'id="f-' not in page  # the row's findings are left as they were: no «✓» beside a refused entry


def test_cell_conflict_names_the_other_person(people, client):
    version = entry.current(people["xa"], ind("dan_lon"), Y2023, "actual").version
    entry.save_value(people["binh"], people["xa"], ind("dan_lon"), Y2023, "actual", "4.700", version)
    client.login(username="an", password="pw-123456")
    page = post_cell(client, "4.800", version).content.decode()
    assert "binh" in page and "4.700" in page and 'value="4.800"' in page
    assert stored_value(people["xa"], "dan_lon").value == 4700


def test_detail_panel_history_in_words(people, client):
    version = entry.current(people["xa"], ind("dan_lon"), Y2023, "actual").version
    entry.save_value(people["an"], people["xa"], ind("dan_lon"), Y2023, "actual", "4.500", version)
    client.login(username="an", password="pw-123456")
    page = client.get("/nhap-lieu/chi-tiet/?unit=xa&indicator=dan_lon&period=2023&kind=actual").content.decode()
    assert "4.426 → 4.500" in page and "<strong>an</strong>" in page and "{" not in page.split("History")[-1][:0]
    cell = entry.current(people["xa"], ind("dan_lon"), Y2023, "actual")
    response = client.post(
        "/nhap-lieu/o/",
        {
            "unit": "xa",
            "indicator": "dan_lon",
            "period": "2023",
            "kind": "actual",
            "text": cell.shown(),
            "version": cell.version,
            "comment": "theo thống kê",
            "with_comment": "1",
            "panel": "1",
        },
        HTTP_HX_REQUEST="true",
    )
    assert "theo thống kê" in response.content.decode()
    assert stored_value(people["xa"], "dan_lon").comment == "theo thống kê"


def test_computed_indicator_is_not_typed(people, client):
    client.login(username="an", password="pw-123456")
    response = client.post(
        "/nhap-lieu/o/",
        {"unit": "xa", "indicator": "ty_le_ho_ngheo", "period": "2023", "kind": "actual", "text": "5", "version": ""},
    )
    assert response.status_code == 200 and stored_value(people["xa"], "ty_le_ho_ngheo").value == Decimal("1.59")


def test_implausible_value_needs_confirmation(demo):
    from ktxh.datasets import ensure_demo_user

    user = ensure_demo_user()
    yield_ = ind("nang_suat_lua_thap")
    unit = OrgUnit.objects.get(code="thang")
    cell = entry.current(unit, yield_, Y2023, "actual")
    result = entry.save_value(user, unit, yield_, Y2023, "actual", "560", cell.version)
    assert result.status == entry.INVALID and result.confirm and "25 – 100" in result.errors["value"]
    assert entry.current(unit, yield_, Y2023, "actual").version == cell.version  # nothing saved
    assert entry.save_value(user, unit, yield_, Y2023, "actual", "560", cell.version, confirm=True).ok


def test_a_negative_yield_is_refused_even_confirmed(demo):
    """Below zero is not implausible but impossible for a yield (tạ/ha): refused, never saved on confirmation."""
    from ktxh.datasets import ensure_demo_user

    user = ensure_demo_user()
    yield_ = ind("nang_suat_lua_thap")
    unit = OrgUnit.objects.get(code="thang")
    cell = entry.current(unit, yield_, Y2023, "actual")
    result = entry.save_value(user, unit, yield_, Y2023, "actual", "-5", cell.version, confirm=True)
    assert result.status == entry.INVALID and not result.confirm and "tạ/ha" in result.errors["value"]
    assert entry.current(unit, yield_, Y2023, "actual").version == cell.version  # nothing saved


def test_parts_of_an_indicator_are_rows_of_their_own(people, client):
    client.login(username="an", password="pw-123456")
    page = client.get("/nhap-lieu/?unit=xa&period=2023&sector=KT").content.decode()
    assert "– Đất trồng lúa" in page and 'data-disaggregation="loai_dat=lua"' in page
    assert 'value="392,46"' in page
    response = post_cell(client, "12,5", "", indicator="dat_nong_nghiep", disaggregation="loai_dat=thuy_san")
    assert 'value="12,5"' in response.content.decode() and "đã lưu" in response.content.decode()
    parts = {
        s.disaggregation: s.value
        for s in stored.load(unit_ids=[people["xa"].pk], periods=["2023"])
        if s.indicator_id == ind("dat_nong_nghiep").pk
    }
    assert parts["loai_dat=thuy_san"] == Decimal("12.5") and parts["loai_dat=lua"] == Decimal("392.46")
    bad = post_cell(client, "1", "", indicator="dat_nong_nghiep", disaggregation="loai_dat=khong_co")
    assert "khong_co" in bad.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/nhap-lieu/",
        "/nhap-lieu/o/?unit=xa&indicator=dan_lon&period=2023&kind=actual",
        "/nhap-lieu/chi-tiet/?unit=xa&indicator=dan_lon&period=2023&kind=actual",
        "/chi-tieu/",
        "/lap-bao-cao/",
        "/lap-bao-cao/ban/1.docx",
    ],
)
def test_anonymous_users_are_sent_to_log_in(loaded, client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_reading_views_refuse_writes_and_bad_addresses_are_explained(people, client):
    client.login(username="an", password="pw-123456")
    assert client.post("/nhap-lieu/?unit=xa").status_code == 405
    assert client.delete("/nhap-lieu/chi-tiet/").status_code == 405
    response = client.post("/nhap-lieu/o/", {"unit": "xa"})
    assert response.status_code == 400 and "charset=utf-8" in response["Content-Type"]
    page = client.get("/nhap-lieu/?unit=xa&period=2023Q8").content.decode()
    assert "Không hiểu kỳ báo cáo" in page or "2023Q8" in page
    assert client.get("/nhap-lieu/?unit=xa&period=2023&sector=khong-co").status_code == 404
    assert client.get("/nhap-lieu/chi-tiet/?unit=tinh-moi&indicator=dan_lon&period=2023&kind=actual").status_code == 404


def test_a_grid_cell_is_the_cell_view_of_the_same_cell(people, client):
    """The grid builds its cells without the cell's template, which the cell view renders: both show one markup."""
    client.login(username="an", password="pw-123456")
    page = client.get("/nhap-lieu/?unit=xa&period=2023&sector=KT").content.decode()
    dan_lon = ind("dan_lon")
    for kind in ("estimate", "actual"):
        box = re.search(rf'<div class="cellbox" id="c-{dan_lon.pk}-{kind}">.*?</div>\n', page, re.S).group(0)
        row = re.search(r'data-row="(\d+)"', box).group(1)
        alone = client.get(
            "/nhap-lieu/o/", {"unit": "xa", "indicator": "dan_lon", "period": "2023", "kind": kind, "row": row}
        ).content.decode()
        assert alone == box
