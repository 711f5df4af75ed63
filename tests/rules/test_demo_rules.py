"""The starter rule set on the demo data: every error of the seed report that lives in the data is found, and the
correct 648/640 = 101,2 % is not."""

from decimal import Decimal

import pytest

from ktxh.periods import Period
from ktxh.rules.engine import findings_for, validate
from ktxh.rules.models import Finding, Rule
from ktxh.units.models import OrgUnit
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def findings(demo):
    thang = OrgUnit.objects.get(code="thang")
    validate(thang, Period.parse("2023"))
    return {(f.rule.code, f.key): f for f in findings_for(thang, "2023")}


def by_rule(findings, code):
    return [f for (rule, _key), f in findings.items() if rule == code]


def test_the_rules_are_loaded_with_the_demo(demo):
    assert Rule.objects.filter(active=True).count() >= 40


def test_land_by_use_against_its_totals(findings):
    [agricultural] = by_rule(findings, "dat_nong_nghiep_bang_tong_cac_loai")
    assert "639,93" in agricultural.message and "639,94" in agricultural.message and "0,01" in agricultural.message
    assert agricultural.severity == "error"
    [non_agricultural] = by_rule(findings, "dat_phi_nong_nghiep_bang_tong_cac_loai")
    assert "493,88" in non_agricultural.message and "490,43" in non_agricultural.message
    [natural] = by_rule(findings, "dat_tu_nhien_bang_nong_nghiep_cong_phi_nong_nghiep")
    assert "1.134,31" in natural.message and "639,93 + 493,88" in natural.message and "0,5" in natural.message


def test_rates_that_do_not_match_their_parts(findings):
    [inventory] = by_rule(findings, "gpmb_ty_le_kiem_ke")
    assert "90,4" in inventory.message and "151 / 158" in inventory.message and "95,57" in inventory.message
    shares = {f.key: f for f in by_rule(findings, "dvc_ty_trong_muc_do")}
    assert "81,1" in shares["muc_do_dvc=mot_phan"].message and "1.711 / 2.097" in shares["muc_do_dvc=mot_phan"].message
    assert "81,59" in shares["muc_do_dvc=mot_phan"].message


def test_a_subset_larger_than_its_whole(findings):
    [subset] = by_rule(findings, "dvc_ket_qua_dien_tu_khong_vuot_so_hoa")
    assert "2.075" in subset.message and "2.070" in subset.message


def test_peanut_yield_variants_and_plausibility(findings):
    [implausible] = by_rule(findings, "nang_suat_lac_hop_ly")
    assert "263" in implausible.message and implausible.values["variant"] == "b"
    conflicts = {f.indicator.code: f for f in by_rule(findings, "cac_cach_ghi_khong_mau_thuan")}
    assert "26,3" in conflicts["nang_suat_lac"].message and "263" in conflicts["nang_suat_lac"].message
    assert "10" in conflicts["nang_suat_lac"].message  # one is ten times the other: a unit written wrongly


def test_spending_stated_twice(findings):
    conflicts = {f.indicator.code: f for f in by_rule(findings, "cac_cach_ghi_khong_mau_thuan")}
    assert "17,1" in conflicts["tong_chi_ngan_sach"].message and "13" in conflicts["tong_chi_ngan_sach"].message


def test_correct_figures_are_not_flagged(findings):
    assert not by_rule(findings, "bhxh_ty_le_thuc_hien_ke_hoach")  # 648/640 = 101,25 % written 101,2 %
    assert not by_rule(findings, "dvc_tong_bang_cac_muc_do")  # 1.711 + 386 = 2.097
    assert not by_rule(findings, "gpmb_ho_chua_ke_khai")  # 158 − 151 = 7
    assert not by_rule(findings, "nang_suat_lua_hop_ly")
    assert not by_rule(findings, "bat_thuong_so_voi_cac_ky_truoc")  # one or two years: too few to judge
    # anywhere in the demo: school ranks and standard levels are ordinal codes, never judged as outliers
    assert not Finding.objects.filter(rule__code__startswith="bat_thuong").exists()


def test_the_demo_load_itself_stores_the_findings(demo):
    thang = OrgUnit.objects.get(code="thang")
    codes = {f.rule.code for f in findings_for(thang, "2023")}
    assert {"dat_nong_nghiep_bang_tong_cac_loai", "gpmb_ty_le_kiem_ke", "cac_cach_ghi_khong_mau_thuan"} <= codes


def test_correcting_a_figure_resolves_its_finding(findings):
    rate = DataValue.objects.get(org_unit__code="thang", indicator__code="ty_le_ho_da_kiem_ke_gpmb", period="2023")
    rate.value = Decimal("95.6")
    rate.save()
    thang = OrgUnit.objects.get(code="thang")
    assert not [f for f in findings_for(thang, "2023") if f.rule.code == "gpmb_ty_le_kiem_ke"]
    assert [f.rule.code for f in findings_for(thang, "2023", rate.indicator, status="resolved")] == [
        "gpmb_ty_le_kiem_ke"
    ]
