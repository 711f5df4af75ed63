"""``ktxh audit FILE [--format text|json]``: the consistency audit of a report, as a subcommand of ``ktxh``.

Wire it into the CLI with ``add_parser(subparsers)``. The handler needs no database. Exit status: 0 nothing found,
1 findings, 2 the file cannot be read (the reason is printed in Vietnamese on stderr, never a traceback).
"""

from __future__ import annotations

import sys


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "audit", help="kiểm tra tính nhất quán của số liệu trong một báo cáo (.docx hoặc .txt)",
        description="Đọc báo cáo, tìm các con số và đối chiếu chúng với nhau: phân số và tỷ lệ, các phần và tổng, "
                    "một chỉ tiêu nêu hai lần, giá trị không hợp lý. Mã thoát: 0 không thấy gì, 1 có điểm cần xem "
                    "lại, 2 không đọc được tệp.")
    parser.add_argument("file", metavar="TỆP", help="báo cáo .docx hoặc .txt (UTF-8)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="cách in kết quả")
    parser.set_defaults(func=run)
    return parser


def run(args) -> int:
    from ktxh.audit.report import audit_file, render_json, render_text
    from ktxh.audit.text import AuditReadError

    try:
        findings = audit_file(args.file)
    except AuditReadError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    except RecursionError:
        print("Lỗi: tệp có cấu trúc quá phức tạp, không kiểm tra được.", file=sys.stderr)
        return 2
    output = render_json(findings) if args.format == "json" else render_text(findings, str(args.file))
    sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return 1 if findings else 0
