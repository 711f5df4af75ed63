"""The reader on real wording (issue 13): what is not a contradiction, what is, how sure each finding is, and time
that grows linearly with the text."""

import time

import pytest

from ktxh.audit.report import audit_text

from .helpers import write_docx


def kinds(text):
    return [(f.kind, f.severity) for f in audit_text(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Có 7/12 xã có tỷ lệ hộ nghèo dưới 5%.",
        "Thu từ chăn nuôi ước đạt 35 tỷ đồng, đạt 116,6% so với kế hoạch (kế hoạch năm là 30 tỷ đồng).",
        "Diện tích lúa ruộng đạt 53,5/52ha, tăng 2,9%; cây ngô 73/70ha, tăng 4,3%.",
        "Hộ nghèo có 10.689 hộ, chiếm 3,20%, trong đó có 3.373 hộ nghèo vùng đồng bào dân tộc; hộ cận nghèo có "
        "14.994 hộ, chiếm 4,49%.",
        "a) Vụ Xuân\n- Diện tích lúa gieo cấy 250 ha.\nb) Vụ Mùa\n- Diện tích lúa gieo cấy 230 ha.",
        "Sản xuất vụ Mùa, toàn tỉnh gieo trồng 80.888 ha, giảm 1,0% (-850 ha) so với vụ Mùa năm trước; gồm 72.002 ha "
        "lúa và 8.886 ha cây rau màu.\nSản xuất vụ Đông: diện tích gieo trồng ước đạt 9.200 ha.",
        "Cụ thể: Tỷ trọng nông nghiệp ước chiếm 23,4%/KH 24,5-25,5%; công nghiệp ước chiếm 31,6%/KH 31,0-31,5%; dịch "
        "vụ ước chiếm 45,0%/KH 43,0-44,5%.",
        "Năm 2023 tổng thu ngân sách đạt 12 tỷ đồng, đạt 120% kế hoạch.\nPHẦN THỨ HAI: NHIỆM VỤ NĂM 2024\nTổng thu "
        "ngân sách 10 tỷ đồng.",
        "Năng suất lúa Mùa ước đạt 53 tạ/ha, tăng 1,9% (+1 tạ/ha) so với vụ Mùa năm 2021.",
        # shares of amounts of different bodies are shares of different wholes
        "Cả nước thu hoạch được 893,1 nghìn ha lúa mùa, chiếm 57,4% diện tích gieo cấy, trong đó: các địa phương "
        "phía Bắc thu hoạch được 614,1 nghìn ha, chiếm 60%; các địa phương phía Nam thu hoạch được 279 nghìn ha, "
        "chiếm 52,3%.",
        "Giá trị sản xuất trên 1 ha đất canh tác đạt 125 triệu đồng.",
    ],
)
def test_not_a_contradiction(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text, kind",
    [
        (
            "Thu từ chăn nuôi ước đạt 35 tỷ đồng, đạt 126,6% so với kế hoạch (kế hoạch năm là 30 tỷ đồng).",
            "plan_achievement",
        ),
        ("Diện tích lúa ruộng đạt 53,5/52ha, tăng 12,9% so với kế hoạch.", "plan_achievement"),
        ("Vụ Mùa toàn tỉnh gieo trồng 80.888 ha, giảm 3,0% (-850 ha) so với vụ Mùa năm 2021.", "change_values"),
        ("Số hộ nghèo giảm từ 28 hộ xuống còn 23 hộ, giảm 25%.", "change_values"),
        ("Diện tích lúa gieo cấy 100 ha, năng suất 60 tạ/ha, sản lượng 700 tấn.", "production"),
        ("Sản lượng lúa cả năm đạt 52,3 tạ/ha.", "unit_label"),
        ("Thu nhập bình quân đầu người tăng lên 41,2% triệu đồng/người.", "unit_label"),
        ("Giá trị sản phẩm trên 1 ha đất trồng là 75,51 tỷ đồng.", "unit_label"),
        ("Toàn xã có 500 hộ, trong đó hộ nông nghiệp 200 hộ, hộ kinh doanh 100 hộ, còn lại 250 hộ.", "parts_total"),
        ("Tổng đàn gia súc 500 con với 300 con lợn và 150 con bò.", "parts_total"),
        ("Tổng diện tích gieo trồng 800 ha, gồm:\n+ Lúa 507 ha\n+ Màu: 265 ha.", "parts_total"),
        (
            "Thu nội địa đạt 16.186 tỷ đồng.\nKhông tính tiền sử dụng đất (5.056 tỷ đồng) thì thu nội địa thực hiện "
            "11.104 tỷ đồng.",
            "parts_total",
        ),
    ],
)
def test_checked_and_sure(text, kind):
    assert (kind, "error") in kinds(text)


def test_a_sibling_after_a_semicolon_is_at_most_worth_a_look():
    text = "Tổng số hộ 500 hộ, trong đó hộ nghèo 20 hộ; số hộ khá 600 hộ."
    assert all(severity == "warning" for _, severity in kinds(text))


def test_cli_shows_only_sure_findings_unless_all(tmp_path, capsys):
    import argparse

    from ktxh.cli.commands.audit import register

    path = tmp_path / "r.txt"
    path.write_text("Diện tích lúa 300 ha.\n\nDiện tích gieo trồng lúa toàn xã 280 ha.\n", encoding="utf-8")
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    found = audit_text(path.read_text(encoding="utf-8"))
    sure = [f for f in found if f.severity == "error"]
    args = parser.parse_args(["audit", str(path)])
    assert args.func(args) == (1 if sure else 0)
    args = parser.parse_args(["audit", "--all", str(path)])
    assert args.func(args) == (1 if found else 0)


def _seconds(function, *args):
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def test_time_grows_linearly_with_repeated_sentences():
    sentence = "Tổng diện tích gieo trồng 772 ha, trong đó lúa 507 ha, màu 265 ha; đạt 101,5% kế hoạch.\n"
    audit_text(sentence * 50)
    small = min(_seconds(audit_text, sentence * 1000) for _ in range(2))
    large = min(_seconds(audit_text, sentence * 4000) for _ in range(2))
    assert large < 8 * small + 0.5  # linear: ×4 the text, about ×4 the time (quadratic would be ×16)


def test_nested_docx_paragraphs_are_read_once(tmp_path):
    import zipfile

    from ktxh.audit.report import audit_file

    count = 4000
    body = "<w:p><w:r><w:t>Diện tích lúa 12 ha.</w:t></w:r>" * count + "</w:p>" * count
    path = tmp_path / "nested.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/'
            f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>',
        )
    assert _seconds(audit_file, path) < 10
    assert write_docx  # the helper module stays importable
