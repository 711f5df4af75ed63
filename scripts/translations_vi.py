"""Fill Vietnamese translations into ktxh's catalog and clear fuzzy flags (a maintenance helper for developers).

    python scripts/translations_vi.py   # after `django-admin makemessages -l vi`, then run compilemessages

Needs ``polib`` (``pip install polib``); not a runtime dependency.
"""

import sys
from pathlib import Path

import polib

CATALOG = Path(__file__).resolve().parent.parent / "src" / "ktxh" / "locale" / "vi" / "LC_MESSAGES" / "django.po"

VI = {
    "Give --org-unit and -o FILE.docx (or --all-communes-of CODE --output-dir DIR).":
        "Cần --org-unit và -o TỆP.docx (hoặc --all-communes-of MÃ --output-dir THƯ_MỤC).",
    "Cannot write «%(path)s»: %(error)s.": "Không ghi được tệp «%(path)s»: %(error)s.",
    "Wrote %(path)s (%(footnotes)d footnotes, %(charts)d charts, %(rows)d appendix rows).":
        "Đã ghi %(path)s (%(footnotes)d chú thích, %(charts)d biểu đồ, %(rows)d dòng phụ lục).",
    "Wrote %(path)s.": "Đã ghi %(path)s.",
    "No commune under «%(code)s» in %(period)s.": "Không có xã, phường nào thuộc «%(code)s» trong %(period)s.",
    "%(code)s: %(error)s": "%(code)s: %(error)s",
    "%(done)d of %(total)d reports written to %(dir)s.": "Đã ghi %(done)d/%(total)d báo cáo vào %(dir)s.",
    "write the KT-XH report (Word, Decree 30/2020 format)":
        "viết báo cáo KT-XH (Word, thể thức Nghị định 30/2020)",
    "period: 2023 (annual), 2023S1 (6 months), 2023C9 (9 months)":
        "kỳ: 2023 (cả năm), 2023S1 (6 tháng), 2023C9 (9 tháng)",
    "the .docx file to write": "tệp .docx cần ghi",
    "also make a PDF with LibreOffice": "tạo thêm tệp PDF bằng LibreOffice",
    "a .docx template (default: the one shipped with ktxh)": "mẫu .docx (mặc định: mẫu kèm theo ktxh)",
    "leave the charts out": "không vẽ biểu đồ",
    "seconds LibreOffice may take per PDF": "số giây tối đa LibreOffice được dùng cho mỗi tệp PDF",
    "every commune below this unit, in parallel": "mọi xã, phường thuộc đơn vị này, chạy song song",
    "folder for the batch's files": "thư mục ghi các báo cáo",
    "parallel workers (default: all cores)": "số tiến trình song song (mặc định: tất cả các lõi)",
    "Reports": "Báo cáo",
    "section «%(section)s» is neither a sector code nor one of %(special)s.":
        "mục «%(section)s» không phải mã lĩnh vực, cũng không phải một trong %(special)s.",
    "a paragraph with this unit, period, section and order is already on line %(line)d.":
        "đã có đoạn văn cùng đơn vị, kỳ, mục và thứ tự ở dòng %(line)d.",
    "the text is empty.": "nội dung đang để trống.",
    "Opening": "Mở đầu",
    "Key tasks": "Nhiệm vụ trọng tâm",
    "Assessment: strengths": "Đánh giá: ưu điểm",
    "Assessment: limitations": "Đánh giá: hạn chế",
    "Assessment: causes": "Đánh giá: nguyên nhân",
    "Plan: objectives": "Kế hoạch: mục tiêu",
    "Plan: tasks and solutions": "Kế hoạch: nhiệm vụ, giải pháp",
    "Closing": "Kết luận",
    "number": "số, ký hiệu",
    "For example 260/BC-UBND.": "Ví dụ 260/BC-UBND.",
    "date": "ngày",
    "place": "địa danh",
    "signer": "người ký",
    "signer's position": "chức vụ người ký",
    "signing authority": "thẩm quyền ký",
    "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH …": "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH …",
    "recipients": "nơi nhận",
    "One per line.": "Mỗi dòng một nơi nhận.",
    "report": "báo cáo",
    "reports": "báo cáo",
    "section": "mục",
    "A sector code or a special section.": "Mã lĩnh vực hoặc một mục đặc biệt.",
    "text": "nội dung",
    "narrative": "đoạn văn",
    "narratives": "đoạn văn",
    "LibreOffice is not installed, so no PDF can be made (Debian/Ubuntu: apt-get install libreoffice-writer-nogui). "
    "The .docx file was written.":
        "Chưa cài LibreOffice nên không tạo được PDF (Debian/Ubuntu: apt-get install libreoffice-writer-nogui). "
        "Tệp .docx đã được ghi.",
    "LibreOffice did not finish within %(seconds)d seconds and was stopped; no PDF was made.":
        "LibreOffice không xong sau %(seconds)d giây nên đã bị dừng; chưa tạo được PDF.",
    "LibreOffice could not convert «%(file)s»: %(error)s": "LibreOffice không chuyển được «%(file)s»: %(error)s",
    "Template file «%(path)s» does not exist.": "Không có tệp mẫu «%(path)s».",
    "Template «%(path)s» cannot be used: %(error)s": "Không dùng được mẫu «%(path)s»: %(error)s",
    "«%(path)s» is not a valid .docx file.": "«%(path)s» không phải tệp .docx hợp lệ.",
    "Template «%(path)s» uses the placeholder «%(name)s», which ktxh does not provide.":
        "Mẫu «%(path)s» dùng biến «%(name)s» nhưng ktxh không có biến này.",
    "Template «%(path)s» tries an operation that is not allowed: %(error)s":
        "Mẫu «%(path)s» dùng thao tác không được phép: %(error)s",
    "Template «%(path)s» has a malformed tag: %(error)s": "Mẫu «%(path)s» có thẻ sai cú pháp: %(error)s",
    "Template «%(path)s» cannot be rendered: %(error)s": "Không điền được mẫu «%(path)s»: %(error)s",
    "%(removed)d figures no longer in the files removed": "đã xóa %(removed)d số liệu không còn trong tệp",
}


def main() -> int:
    po = polib.pofile(str(CATALOG))
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid in VI and (not entry.msgstr or "fuzzy" in entry.flags):
            entry.msgstr = VI[entry.msgid]
        if "fuzzy" in entry.flags and entry.msgid in VI:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if (not entry.msgstr and not entry.msgstr_plural) or "fuzzy" in entry.flags:
            missing.append(entry.msgid)
    po.save()
    for msgid in missing:
        print("untranslated:", repr(msgid))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
