"""How close the generated demo report reads to the seed (BC 260/BC-UBND, Thị trấn Thắng, 2023).

    PYTHONPATH=src KTXH_DATA_DIR=… KTXH_DATABASE_URL=… python evaluation/report_eval.py [REPORT.docx] [REPORT.pdf]

From the seed, GROUPS lists the figures the office wrote together in one sentence or its footnote. A group is kept
together when one paragraph of the generated report (with the footnotes it references) holds every number of the
group. Also printed: "Label: value." lines, footnotes, pages (from the PDF, when given) and placeholder phrases.
Without a path it builds the demo report first (the demo must be loaded).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

# indicator codes the seed writes in one sentence (with its footnote); "code[key]" is one part of a breakdown
GROUPS = {
    "doanh nghiệp trong/ngoài cụm": [
        "so_doanh_nghiep[khu_vuc_doanh_nghiep=trong_ccn]",
        "so_doanh_nghiep[khu_vuc_doanh_nghiep=ngoai_ccn]",
    ],
    "lao động, lương, hộ kinh doanh": [
        "so_lao_dong_lam_viec_tai_doanh_nghiep",
        "muc_luong_binh_quan_lao_dong_thap",
        "muc_luong_binh_quan_lao_dong_cao",
        "so_ho_kinh_doanh",
    ],
    "lúa: diện tích và năng suất": ["dien_tich_lua", "nang_suat_lua_thap", "nang_suat_lua_cao"],
    "lạc, màu (chú thích 1)": ["dien_tich_lac", "nang_suat_lac", "dien_tich_cay_mau", "nang_suat_cay_mau"],
    "đàn vật nuôi (chú thích 2)": [
        "tong_dan_chan_nuoi[vat_nuoi=lon]",
        "tong_dan_chan_nuoi[vat_nuoi=gia_cam]",
        "tong_dan_chan_nuoi[vat_nuoi=trau_bo_ngua_de]",
    ],
    "tiêm phòng (chú thích 3)": [
        "so_lieu_vac_xin_da_tiem[loai_vac_xin=cum_gia_cam]",
        "so_lieu_vac_xin_da_tiem[loai_vac_xin=tu_huyet_trung]",
    ],
    "trồng cây (chú thích 4)": ["so_cay_trong_phan_tan"],
    "đất đai (chú thích 5, 6)": [
        "dien_tich_dat_tu_nhien",
        "dien_tich_dat_nong_nghiep",
        "dien_tich_dat_phi_nong_nghiep",
    ],
    "đất công ích": [
        "so_thua_dat_cong_ich",
        "dien_tich_dat_cong_ich",
        "so_ho_su_dung_dat_cong_ich",
        "so_ho_ky_hop_dong_thue_dat_cong_ich",
        "dien_tich_dat_cong_ich_ky_hop_dong_thue",
    ],
    "ngân sách": ["tong_thu_ngan_sach", "ty_le_thu_ngan_sach_so_du_toan", "tong_chi_ngan_sach"],
    "hộ nghèo (chú thích 15)": ["so_ho_ngheo", "ty_le_ho_ngheo", "so_ho_can_ngheo", "ty_le_ho_can_ngheo"],
    "TDP văn hóa, gia đình văn hóa (chú thích 17)": [
        "so_tdp_van_hoa",
        "so_ho_gia_dinh_van_hoa",
        "ty_le_ho_gia_dinh_van_hoa",
    ],
    "trạm y tế": ["so_can_bo_nhan_vien_y_te", "so_luot_kham_chua_benh"],
    "BHXH tự nguyện (chú thích 18)": ["so_nguoi_tham_gia_bhxh_tu_nguyen", "ty_le_bao_phu_bhyt"],
    "an toàn thực phẩm": ["so_co_so_thuc_pham_duoc_kiem_tra", "so_co_so_thuc_pham_bi_xu_phat", "so_tien_xu_phat_attp"],
    "tuyển quân, khám tuổi 17": [
        "so_thanh_nien_giao_quan",
        "so_thanh_nien_17_tuoi_da_kham_tuyen",
        "so_thanh_nien_17_tuoi_dien_kham_tuyen",
    ],
    "huấn luyện dân quân": ["ty_le_dan_quan_dat_yeu_cau_huan_luyen", "ty_le_dan_quan_kha_gioi"],
    "xếp loại quân sự": ["xep_hang_ban_chqs", "so_xa_thi_tran_duoc_xep_loai_quan_su"],
    "hộ tịch (chú thích 19)": [
        "so_viec_dang_ky_ho_tich[loai_viec_ho_tich=khai_sinh]",
        "so_viec_dang_ky_ho_tich[loai_viec_ho_tich=khai_tu]",
    ],
    "đơn thư": ["so_don_thu_tiep_nhan", "so_don_thu_da_giai_quyet", "so_don_thu_dang_giai_quyet"],
    "đối thoại": ["so_cuoc_doi_thoai_voi_nhan_dan", "so_y_kien_kien_nghi_doi_thoai"],
    "dịch vụ công (chú thích 20)": [
        "so_ho_so_tthc_tren_dvc[muc_do_dvc=mot_phan]",
        "so_ho_so_tthc_tren_dvc[muc_do_dvc=toan_trinh]",
    ],
    "văn bản đến": ["so_van_ban_den_da_xu_ly", "ty_le_van_ban_den_dien_tu"],
}
PLACEHOLDERS = ["kết quả cụ thể", "chưa có số liệu", "chưa có nội dung", "none", "nan"]
LABEL_VALUE = re.compile(r"^[-+]?\s*[A-ZÀ-ỸĐ][^:]{2,150}: [-−]?[\d.,]+( ?[^\s.;,]+){0,3}\.$")


def numbers_of(unit_code: str, period: str) -> dict[str, list[str]]:
    """How each figure of a group can appear in the text (its value formatted the Vietnamese way)."""
    from ktxh.catalog.models import Indicator
    from ktxh.numbers import format_number
    from ktxh.values.models import DataValue

    found: dict[str, list[str]] = {}
    codes = {c.split("[")[0] for group in GROUPS.values() for c in group}
    indicators = {i.pk: i.code for i in Indicator.objects.filter(code__in=codes)}
    for value in DataValue.objects.filter(
        org_unit__code=unit_code,
        period=period,
        indicator_id__in=indicators,
        kind__in=["actual", "estimate"],
        variant="",
    ).exclude(value=None):
        code = indicators[value.indicator_id]
        key = f"{code}[{value.disaggregation}]" if value.disaggregation else code
        found.setdefault(key, []).append(format_number(value.value))
    return found


def paragraphs_with_notes(path: Path) -> list[str]:
    from docx import Document

    from ktxh.reports.footnotes import read_footnotes

    notes = {n.id: n.text for n in read_footnotes(str(path))}
    document = Document(str(path))
    out = []
    for paragraph in document.paragraphs:
        ids = [int(x) for x in re.findall(r'w:footnoteReference w:id="(\d+)"', paragraph._p.xml)]
        out.append(" ".join([paragraph.text] + [notes.get(i, "") for i in ids]))
    return out


def evaluate(path: Path, pdf: Path | None = None, unit: str = "thang", period: str = "2023") -> dict:
    from docx import Document

    from ktxh.reports.footnotes import read_footnotes

    numbers = numbers_of(unit, period)
    paragraphs = paragraphs_with_notes(path)
    kept, missing = [], []
    for name, codes in GROUPS.items():
        wanted = [numbers.get(code) for code in codes]
        wanted = [w for w in wanted if w]
        if not wanted:
            continue

        def holds(text: str, wanted=wanted) -> bool:
            return all(
                any(re.search(rf"(?<![\d,.]){re.escape(n)}(?![\d]|,\d)", text) for n in options) for options in wanted
            )

        (kept if any(holds(p) for p in paragraphs) else missing).append(name)
    body = [p.text.strip() for p in Document(str(path)).paragraphs if p.text.strip()]
    text = "\n".join(paragraphs).lower()
    pages = None
    if pdf and pdf.exists():
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        match = re.search(r"Pages:\s+(\d+)", info)
        pages = int(match.group(1)) if match else None
    return {
        "groups": len(kept) + len(missing),
        "kept_together": len(kept),
        "split": missing,
        "label_value_lines": sum(1 for line in body if LABEL_VALUE.match(line)),
        "footnotes": len(read_footnotes(str(path))),
        "pages": pages,
        "placeholder_phrases": {
            p: len(re.findall(rf"\b{re.escape(p)}\b", text))
            for p in PLACEHOLDERS
            if re.search(rf"\b{re.escape(p)}\b", text)
        },
    }


def main(argv: list[str]) -> int:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")
    import django

    django.setup()
    if argv:
        path = Path(argv[0])
        pdf = Path(argv[1]) if len(argv) > 1 else path.with_suffix(".pdf")
    else:
        from ktxh.periods import Period
        from ktxh.reports.builder import build_report
        from ktxh.units.models import OrgUnit

        path = Path(tempfile.mkdtemp()) / "bao-cao.docx"
        build_report(OrgUnit.objects.get(code="thang"), Period.parse("2023"), path, with_charts=False)
        pdf = None
    result = evaluate(path, pdf)
    print(f"seed groups kept together: {result['kept_together']}/{result['groups']}")
    for name in result["split"]:
        print(f"  split: {name}")
    print(f"'Label: value.' lines: {result['label_value_lines']}")
    print(f"footnotes: {result['footnotes']}")
    print(f"pages: {result['pages'] if result['pages'] is not None else '(no PDF)'}")
    print(f"placeholder phrases: {result['placeholder_phrases'] or 0}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
