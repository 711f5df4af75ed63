from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ktxh.catalog.models import Indicator, TargetSource
from ktxh.datafiles import LoadError
from ktxh.datasets import load_dataset
from ktxh.history.actor import acting_as
from ktxh.history.models import AppendOnlyError, ChangeRecord
from ktxh.history.recorder import history_of
from ktxh.units.models import OrgUnit
from ktxh.values.loader import load_values
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db


def make(code="dan_lon", **fields):
    defaults = dict(
        indicator=Indicator.objects.get(code=code),
        org_unit=OrgUnit.objects.get(code="xa"),
        period="2022",
        kind="actual",
        value=Decimal(5129),
    )
    defaults.update(fields)
    return DataValue(**defaults)


def test_loaded_values_keep_kind_source_form_and_period_dates(loaded):
    target = DataValue.objects.get(indicator__code="ty_le_ho_ngheo", kind="target")
    assert (target.target_source.code, target.target_form, target.value) == ("huyen_giao", "at_most", Decimal("2.03"))
    estimate = DataValue.objects.get(indicator__code="ho_ngheo")
    assert (estimate.kind, estimate.period, str(estimate.period_start)) == ("estimate", "2023", "2023-01-01")
    ranged = DataValue.objects.get(indicator__code="dan_lon", kind="target")
    assert (ranged.value, ranged.value_high) == (5000, 5400)


def test_several_targets_from_several_sources_in_one_period(loaded):
    make(
        "ty_le_ho_ngheo",
        period="2023",
        kind="target",
        target_source=TargetSource.objects.get(code="ke_hoach"),
        target_form="exact",
        value=Decimal("1.8"),
    ).save()
    assert DataValue.objects.filter(indicator__code="ty_le_ho_ngheo", kind="target").count() == 2


@pytest.mark.parametrize(
    "fields, field",
    [
        (dict(kind="target"), "target_source"),
        (dict(target_form="at_least"), "target_form"),
        (dict(value=Decimal("12.5")), "value"),  # integer indicator
        (dict(period="2023Q5"), "period"),
        (dict(value=None), "value"),
        (dict(value=Decimal(-3)), "value"),
        (dict(disaggregation="loai_dat=lua"), "disaggregation"),
    ],
)
def test_model_rules_hold_on_every_save(loaded, fields, field):
    with pytest.raises(ValidationError) as error:
        make(**fields).save()
    assert field in error.value.message_dict


def test_range_needs_ordered_bounds(loaded):
    value = make(
        kind="target",
        target_source=TargetSource.objects.get(code="ke_hoach"),
        target_form="range",
        value=Decimal(6),
        value_high=Decimal(5),
        period="2025",
    )
    with pytest.raises(ValidationError, match="Cận trên"):
        value.save()


def test_database_refuses_duplicates_even_with_empty_target_source(loaded):
    make().save()
    with pytest.raises(IntegrityError), transaction.atomic():
        DataValue.objects.bulk_create([make()])
    make(variant="b", value=Decimal(5130)).save()  # a contradicting statement is kept as a variant


def test_every_change_is_in_the_append_only_history(loaded):
    with acting_as(name="cán bộ nông nghiệp"):
        value = make()
        value.save()
        value.value = Decimal(5130)
        value.save()
        value.save()  # no change, no record
        value_id = value.pk
        value.delete()
    records = list(ChangeRecord.objects.filter(object_type="values.datavalue", object_id=value_id).order_by("id"))
    assert [r.action for r in records] == ["create", "update", "delete"]
    assert records[1].before["value"] == "5129" and records[1].after["value"] == "5130"
    assert {r.actor for r in records} == {"cán bộ nông nghiệp"}
    with pytest.raises(AppendOnlyError):
        records[0].save()
    with pytest.raises(AppendOnlyError):
        records[0].delete()


def test_loader_records_history_in_bulk_and_is_idempotent(files):
    load_dataset(files.dataset, catalog=files.catalog)
    count, history = DataValue.objects.count(), ChangeRecord.objects.count()
    load_dataset(files.dataset, catalog=files.catalog)
    assert (DataValue.objects.count(), ChangeRecord.objects.count()) == (count, history)
    files.tables["values"][2]["value"] = "4427"
    files.write()
    summary = load_dataset(files.dataset, catalog=files.catalog)
    assert (summary.values.created, summary.values.updated) == (0, 1)
    value = DataValue.objects.get(indicator__code="dan_lon", kind="actual")
    (update,) = history_of(value).filter(action="update")
    assert (update.before["value"], update.after["value"], update.actor) == ("4426", "4427", "nạp dữ liệu")


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda v: v[0].update(period="2023Q7"), "dòng 2, cột «period»"),
        (lambda v: v[2].update(value="4.426,5"), "dòng 4, cột «value»"),
        (lambda v: v[2].update(value="bốn nghìn"), "dòng 4, cột «value»"),
        (lambda v: v[2].update(value="4426.5"), "dòng 4, cột «value»"),
        (lambda v: v[1].update(disaggregation="loai_dat=rung"), "dòng 3, cột «disaggregation»"),
        (lambda v: v[1].update(org_unit="khong-co"), "dòng 3, cột «org_unit»"),
        (lambda v: v[1].update(indicator="khong_co"), "dòng 3, cột «indicator»"),
        (lambda v: v[4].update(target_source="xa_giao"), "dòng 6, cột «target_source»"),
        (lambda v: v[4].update(target_form=""), "dòng 6, cột «target_form»"),
        (lambda v: v[0].update(kind="ke hoach"), "dòng 2, cột «kind»"),
        (lambda v: v.append(dict(v[0])), "dòng 9: số liệu trùng với"),
        (lambda v: v[0].update(period="2026"), "không có hiệu lực trong kỳ 2026"),
    ],
)
def test_bad_value_files_are_refused_whole(files, change, where):
    change(files.tables["values"])
    files.write()
    with pytest.raises(LoadError) as error:
        load_dataset(files.dataset, catalog=files.catalog)
    assert where in str(error.value)
    assert DataValue.objects.count() == 0 and OrgUnit.objects.count() == 0


def test_values_file_with_quotes_missing_is_explained(loaded, tmp_path):
    bad = tmp_path / "values.csv"
    bad.write_text(
        "org_unit,indicator,disaggregation,period,kind,target_source,target_form,value,value_high,text,"
        "comment,source,variant\nxa,dan_lon,,2021,actual,,,4000,,,giảm, so cùng kỳ,,\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError, match="dấu ngoặc kép"):
        load_values(bad)


@pytest.mark.parametrize(
    "text, message",
    [
        ("0.1234567", "6"),
        ("123456789012.123456", "15"),
        ("1e30", "15"),
    ],
)
def test_numbers_the_database_cannot_keep_exactly_are_refused(files, text, message):
    files.tables["values"][0]["value"] = text
    files.write()
    with pytest.raises(LoadError) as error:
        load_dataset(files.dataset, catalog=files.catalog)
    assert "dòng 2, cột «value»" in str(error.value) and message in str(error.value)


def test_a_row_without_notes_keeps_the_stored_ones_and_logs_what_is_stored(loaded):
    """A row with no comment or source (no such column) keeps the stored notes: the set-based update leaves them, a
    figure whose value is the same is unchanged, and the change log's «after» is the figure as stored."""
    from ktxh.datafiles import Problems, Row
    from ktxh.history.recorder import snapshot
    from ktxh.values.loader import load_rows

    def figure(value, **notes):
        data = {"org_unit": "xa", "indicator": "dan_lon", "period": "2022", "kind": "actual", "value": value}
        return [Row("f.csv", 2, {**data, **notes})]

    load_rows(figure("5129", comment="ghi chú", source="Thống kê xã"), Problems())
    summary = load_rows(figure("5129"), Problems())
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 1)
    summary = load_rows(figure("5130"), Problems(), dry_run=True, details=True)
    ((planned, _before),) = summary.changed
    assert (planned.value, planned.comment, planned.source) == (5130, "ghi chú", "Thống kê xã")
    assert load_rows(figure("5130"), Problems()).updated == 1
    stored = DataValue.objects.get(indicator__code="dan_lon", org_unit__code="xa", period="2022", kind="actual")
    assert (stored.value, stored.comment, stored.source) == (5130, "ghi chú", "Thống kê xã")
    assert history_of(stored).latest("id").after == snapshot(stored)
    load_rows(figure("5130", comment=""), Problems())  # a file with the column says what it is, empty included
    stored.refresh_from_db()
    assert (stored.comment, stored.source) == ("", "Thống kê xã")
