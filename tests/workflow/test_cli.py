"""``ktxh progress``: the progress page on the command line, in Vietnamese."""

from __future__ import annotations

import pytest

from ktxh.cli import main
from tests.workflow.conftest import approve

pytestmark = pytest.mark.django_db


def test_progress_table_and_csv(people, capsys, tmp_path):
    approve(people)
    assert main(["progress", "--org-unit", "huyen", "--period", "2023"]) == 0
    out = capsys.readouterr().out
    assert "Số liệu tính từ ngày 15/12/2022 đến ngày 14/12/2023" in out
    lines = [line.split() for line in out.splitlines()]
    assert ["xa", "KT", "Đã", "duyệt", "Trễ", "hạn", "100,0%", "2/2"] in lines
    assert ["xa", "VX", "Nháp", "Chưa", "nộp", "(quá", "hạn)", "50,0%", "1/2"] in lines
    path = tmp_path / "tien-do.csv"
    assert main(["progress", "--org-unit", "huyen", "--period", "2023", "--format", "csv", "-o", str(path)]) == 0
    assert path.read_text(encoding="utf-8").splitlines()[1] == 'xa,KT,Đã duyệt,Trễ hạn,"100,0%",2/2'


def test_progress_of_an_unknown_unit_is_a_user_error(people, capsys):
    assert main(["progress", "--org-unit", "khong-co", "--period", "2023"]) == 2
    assert "khong-co" in capsys.readouterr().err
