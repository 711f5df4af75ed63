"""``ktxh audit FILE [--format text|json]``: output, exit status, and no traceback on bad files."""

import argparse
import json

import pytest

from ktxh.cli.commands.audit import register as add_parser

from .helpers import TEXTS


def run(capsys, *argv):
    parser = argparse.ArgumentParser(prog="ktxh")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["audit", *map(str, argv)])
    status = args.func(args)
    out, err = capsys.readouterr()
    return status, out, err


def test_json_on_the_seed_lists_each_contradiction_with_quotes(capsys):
    status, out, err = run(capsys, TEXTS / "seed_thang_2023.txt", "--format", "json")
    assert status == 1, err
    findings = json.loads(out)
    assert all(
        set(f) == {"kind", "relation", "severity", "message", "values", "quotes"} and f["quotes"] for f in findings
    )
    by_kind = {}
    for f in findings:
        by_kind.setdefault(f["kind"], []).append(f)
    assert any({17.1, 13} <= set(f["values"]) for f in by_kind["same_quantity"])
    assert any({151, 158, 90.4} <= set(f["values"]) for f in by_kind["fraction_percent"])
    assert any({2097, 1711, 81.1} <= set(f["values"]) for f in by_kind["percent_of_total"])
    assert any({2070, 2075} <= set(f["values"]) for f in by_kind["subset_exceeds_whole"])
    assert any(26.3 in f["values"] for f in by_kind["implausible_value"])
    assert any(493.88 in f["values"] for f in by_kind["parts_total"])
    assert len(findings) <= 8
    fraction = by_kind["fraction_percent"][0]
    assert "151/158, đạt 90,4%" in fraction["quotes"][0]
    assert "95,6%" in fraction["message"]


def test_text_output_and_status_0_on_a_clean_text(capsys):
    status, out, _ = run(capsys, TEXTS / "sach_xa_hung_dao_tong_hop.txt")
    assert status == 0 and "Không thấy mâu thuẫn" in out
    status, out, _ = run(capsys, TEXTS / "sach_xa_hung_dao_tong_hop.txt", "--format", "json")
    assert status == 0 and json.loads(out) == []


def test_text_output_with_findings(capsys):
    status, out, _ = run(capsys, TEXTS / "loi_xa_hoa_son_dat_dai.txt")
    assert status == 1
    assert "1 điểm cần xem lại" in out and "2.463,7 ha" in out and "« Theo kết quả thống kê" in out


@pytest.mark.parametrize("content", [b"", b"\x00\x01binary\x00", b"\xff\xfe\xfd not utf-8"])
def test_unreadable_file_exits_2_with_a_message(capsys, tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    status, out, err = run(capsys, path)
    assert status == 2 and out == ""
    assert err.startswith("Lỗi: ") and "Traceback" not in err


def test_missing_file_exits_2(capsys, tmp_path):
    status, _, err = run(capsys, tmp_path / "khong-co.docx")
    assert status == 2 and "Không có tệp" in err
