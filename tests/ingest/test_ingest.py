"""``ktxh ingest``: statements of a report mapped to catalog indicators, with kind, value and their sentence."""

import json

import pytest

from ktxh.audit.text import parse_text
from ktxh.cli import main
from ktxh.ingest.matcher import Entry, catalog_from_files
from ktxh.ingest.propose import propose_document

ENTRIES = [
    Entry("dien_tich_lua", "Diện tích lúa", "ha"),
    Entry("nang_suat_lua_thap", "Năng suất lúa (cận dưới)", "tạ/ha"),
    Entry("nang_suat_lua_cao", "Năng suất lúa (cận trên)", "tạ/ha"),
    Entry("so_ho_ngheo", "Số hộ nghèo", "hộ"),
    Entry("so_ho_can_ngheo", "Số hộ cận nghèo", "hộ"),
    Entry("ty_le_ho_ngheo", "Tỷ lệ hộ nghèo", "%"),
    Entry("tong_thu_ngan_sach", "Tổng thu ngân sách nhà nước trên địa bàn", "tỷ đồng"),
    Entry("tong_chi_ngan_sach", "Tổng chi ngân sách", "tỷ đồng"),
]


def proposals(text, period="2023"):
    found, _ = propose_document(parse_text(text), "xa", period, ENTRIES)
    return [(p.indicator_code, p.kind, p.value) for p in found]


def test_result_estimate_target_and_a_range():
    found = proposals(
        "Cây lúa tổng diện tích 215,0 ha đạt năng suất 56 - 60 tạ/ha.\n"
        "Tổng thu ngân sách nhà nước ước đạt 26,5 tỷ đồng, đạt 65% dự toán.\n"
        "- Tỷ lệ hộ nghèo huyện giao 2,03%, thị trấn đạt 1,59%."
    )
    assert ("dien_tich_lua", "result", 215.0) in found
    assert ("nang_suat_lua_thap", "result", 56.0) in found and ("nang_suat_lua_cao", "result", 60.0) in found
    assert ("tong_thu_ngan_sach", "estimate", 26.5) in found
    assert ("ty_le_ho_ngheo", "target", 2.03) in found and ("ty_le_ho_ngheo", "result", 1.59) in found
    assert not any(value == 65 for _, _, value in found)  # a percentage of the plan is no figure


def test_units_convert_and_households_are_not_near_poor_households():
    found = proposals(
        "Thu ngân sách trên địa bàn 643 triệu đồng. Hộ nghèo có 84 hộ, chiếm 1,59% (giảm 23 hộ); "
        "hộ cận nghèo có 124 hộ."
    )
    assert ("tong_thu_ngan_sach", "result", 0.643) in found
    assert ("so_ho_ngheo", "result", 84.0) in found and ("so_ho_can_ngheo", "result", 124.0) in found
    assert ("ty_le_ho_ngheo", "share", 1.59) in found and ("so_ho_ngheo", "change", 23.0) in found


def test_plan_part_is_target_of_the_next_year():
    found, _ = propose_document(
        parse_text("PHẦN THỨ HAI: NHIỆM VỤ NĂM 2024\n- Dự toán thu ngân sách đạt trên 32 tỷ đồng."),
        "xa",
        "2023",
        ENTRIES,
    )
    assert [(p.indicator_code, p.kind, p.period) for p in found] == [("tong_thu_ngan_sach", "target", "2024")]


def test_another_language_proposes_nothing():
    assert proposals("The district harvested 215 ha of rice with a yield of 56 quintals per hectare.") == []


def test_every_proposal_has_its_sentence_and_a_reason():
    found, _ = propose_document(parse_text("Diện tích lúa 215 ha."), "xa", "2023", catalog_from_files())
    assert found and all(p.sentence and p.reason and 0 < p.confidence <= 1 for p in found)


@pytest.mark.django_db(transaction=True)
def test_cli_json_and_bad_input(demo, tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text("Cụ thể cây lúa tổng diện tích 215,0 ha đạt năng suất 56 - 60 tạ/ha.\n", encoding="utf-8")
    status = main(["ingest", str(report), "--org-unit", "07840", "--period", "2023", "--format", "json"])
    out, err = capsys.readouterr()
    assert status == 0, err
    rows = json.loads(out)
    assert {
        "indicator_code",
        "org_unit_code",
        "period",
        "kind",
        "value",
        "unit",
        "sentence",
        "confidence",
        "reason",
    } == set(rows[0])
    assert any(r["indicator_code"] == "dien_tich_lua" and r["value"] == 215 for r in rows)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\n")
    for bad in (empty, pdf):
        assert main(["ingest", str(bad), "--org-unit", "07840", "--period", "2023"]) == 2
        out, err = capsys.readouterr()
        assert err and "Traceback" not in err
    assert main(["ingest", str(report), "--org-unit", "no-such-unit", "--period", "2023"]) == 2
