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
    'Validation rules and findings':
        'Quy tắc kiểm tra và kết quả kiểm tra',
    'check the figures of a unit and period against the validation rules':
        'kiểm tra số liệu của một đơn vị, một kỳ theo các quy tắc kiểm tra',
    'Runs every validation rule (docs/rules.md) for the unit and period, stores the findings and prints the open ones. Exit status: 0 nothing found, 1 findings, 2 an error.':
        'Chạy mọi quy tắc kiểm tra (docs/rules.md) cho đơn vị và kỳ, lưu kết quả và in các điểm chưa xử lý. Mã thoát: 0 không thấy gì, 1 có điểm cần xem lại, 2 có lỗi.',
    'unit code':
        'mã đơn vị',
    'ERROR':
        'LỖI',
    'WARNING':
        'CẢNH BÁO',
    'Rule «%(rule)s»: %(count)d figures not judged, fewer than %(minimum)s values to compare with.':
        'Quy tắc «%(rule)s»: %(count)d số liệu chưa đánh giá được, có ít hơn %(minimum)s giá trị để so sánh.',
    'Validation of %(unit)s, %(period)s: %(errors)d errors, %(warnings)d warnings.':
        'Kiểm tra %(unit)s, %(period)s: %(errors)d lỗi, %(warnings)d cảnh báo.',
    '«%(left_name)s» (%(left)s) is smaller than «%(right_name)s» (%(right)s).':
        '«%(left_name)s» (%(left)s) nhỏ hơn «%(right_name)s» (%(right)s).',
    '«%(left_name)s» (%(left)s) is larger than «%(right_name)s» (%(right)s).':
        '«%(left_name)s» (%(left)s) lớn hơn «%(right_name)s» (%(right)s).',
    '«%(left_name)s» (%(left)s) does not equal «%(right_name)s» (%(right)s): they differ by %(difference)s.':
        '«%(left_name)s» (%(left)s) không bằng «%(right_name)s» (%(right)s): chênh lệch %(difference)s.',
    '«%(left_name)s» (%(left)s) does not match «%(right_name)s» (%(right)s), even allowing ±%(tolerance)s for rounding.':
        '«%(left_name)s» (%(left)s) không khớp «%(right_name)s» (%(right)s), kể cả khi cho phép sai số làm tròn ±%(tolerance)s.',
    'variant %(variant)s':
        'phương án %(variant)s',
    '«%(name)s» is required when %(condition)s.':
        'Cần có «%(name)s» khi %(condition)s.',
    'all %(dimension)s':
        'tổng các %(dimension)s',
    'One is %(ratio)s times the other: a unit written wrongly (for example tấn for tạ)?':
        'Số này gấp %(ratio)s lần số kia: có thể ghi nhầm đơn vị (ví dụ tấn thay cho tạ)?',
    '«%(name)s» is stated as %(value)s and, elsewhere, as %(other)s (%(statement)s).%(hint)s':
        '«%(name)s» được ghi là %(value)s, ở chỗ khác lại ghi %(other)s (%(statement)s).%(hint)s',
    '«%(name)s» = %(value)s %(unit)s (%(statement)s) is outside the plausible range %(low)s – %(high)s.':
        '«%(name)s» = %(value)s %(unit)s (%(statement)s) nằm ngoài khoảng hợp lý %(low)s – %(high)s.',
    '«%(name)s» = %(value)s %(unit)s is far from %(against)s (median %(median)s, robust z-score %(score)s, threshold %(threshold)s): check it.':
        '«%(name)s» = %(value)s %(unit)s khác xa %(against)s (trung vị %(median)s, điểm z vững %(score)s, ngưỡng %(threshold)s): cần kiểm tra lại.',
    'its %(points)d earlier periods':
        '%(points)d kỳ trước của chính nó',
    '%(points)d sibling units':
        '%(points)d đơn vị cùng cấp',
    'the expression is empty.':
        'biểu thức trống.',
    '«@%(kind)s» is not a kind of figure; write @actual, @estimate or @target.':
        '«@%(kind)s» không phải loại số liệu; ghi @actual, @estimate hoặc @target.',
    'only @target takes a target source (@target:%(source)s).':
        'chỉ @target mới có nguồn chỉ tiêu (@target:%(source)s).',
    'a condition has at most one comparison: «%(text)s».':
        'điều kiện chỉ có tối đa một phép so sánh: «%(text)s».',
    'a range is written «low .. high», for example «10 .. 60», not «%(text)s».':
        'khoảng được viết «thấp .. cao», ví dụ «10 .. 60», không phải «%(text)s».',
    'the tolerance «%(text)s» must be a non-negative number such as 0.05, or a percentage such as 1%%.':
        'sai số «%(text)s» phải là số không âm như 0.05, hoặc phần trăm như 1%%.',
    '«%(text)s» is not a valid arithmetic expression (numbers, indicator codes, + - * / and parentheses).':
        '«%(text)s» không phải biểu thức số học hợp lệ (số, mã chỉ tiêu, + - * / và dấu ngoặc).',
    'empty brackets after «%(code)s»: write [dimension], [dimension=option] or [dimension=*].':
        'cặp ngoặc trống sau «%(code)s»: ghi [chiều], [chiều=nhóm] hoặc [chiều=*].',
    '«%(part)s» in «%(text)s» must be dimension, dimension=option or dimension=*.':
        '«%(part)s» trong «%(text)s» phải có dạng chiều, chiều=nhóm hoặc chiều=*.',
    'dimension «%(dimension)s» appears twice in «%(text)s».':
        'chiều «%(dimension)s» xuất hiện hai lần trong «%(text)s».',
    'unexpected «%(char)s» at position %(position)d of «%(text)s».':
        'ký tự «%(char)s» không hợp lệ ở vị trí %(position)d của «%(text)s».',
    '%(rules)d validation rules (%(created)d new, %(updated)d changed, %(deactivated)d deactivated)':
        '%(rules)d quy tắc kiểm tra (%(created)d mới, %(updated)d sửa, %(deactivated)d ngừng dùng)',
    'the rule needs a name.':
        'quy tắc cần có tên.',
    '«%(text)s» is not an operator; choose one of: %(choices)s.':
        '«%(text)s» không phải phép so sánh; chọn một trong: %(choices)s.',
    'the rule compares two numbers: it must name at least one indicator.':
        'quy tắc so sánh hai con số: phải có ít nhất một chỉ tiêu.',
    '«≈» between two computed expressions needs a tolerance (the rounding is known only for a figure as written).':
        '«≈» giữa hai biểu thức tính toán cần có sai số (chỉ biết mức làm tròn của số được ghi).',
    'indicator «%(code)s» is qualitative: it has no number to calculate with.':
        'chỉ tiêu «%(code)s» là định tính: không có số để tính.',
    'the rule adds or compares figures in different units (%(units)s); convert explicitly, for example «* 10000» for ha to m².':
        'quy tắc cộng hoặc so sánh số liệu khác đơn vị tính (%(units)s); hãy quy đổi, ví dụ «* 10000» từ ha sang m².',
    'unknown placeholder %(unknown)s (the placeholders are: %(known)s).':
        'chỗ điền không hợp lệ %(unknown)s (các chỗ điền: %(known)s).',
    'rule «%(code)s» is already defined at %(file)s, line %(line)s.':
        'quy tắc «%(code)s» đã có ở %(file)s, dòng %(line)s.',
    'the operator «%(operator)s» needs a right side.':
        'phép «%(operator)s» cần vế phải.',
    '«between» checks one indicator: the left side must be a single reference.':
        '«between» kiểm tra một chỉ tiêu: vế trái phải là một tham chiếu duy nhất.',
    '«required» names one figure: the left side must be a single reference.':
        '«required» chỉ một số liệu: vế trái phải là một tham chiếu duy nhất.',
    '«required» needs a condition (if A then B is required).':
        '«required» cần có điều kiện (nếu có A thì phải có B).',
    'the minimum number of points must be a whole number of at least 2, not «%(text)s».':
        'số điểm tối thiểu phải là số nguyên từ 2 trở lên, không phải «%(text)s».',
    'the message template does not parse (%(error)s); write a brace as {{ or }}.':
        'mẫu thông báo không đọc được (%(error)s); viết dấu ngoặc nhọn là {{ hoặc }}.',
    'write * (every indicator) or indicator codes separated by «;».':
        'ghi * (mọi chỉ tiêu) hoặc các mã chỉ tiêu cách nhau bởi «;».',
    'an outlier is flagged for follow-up, never refused: use «warning».':
        'số liệu bất thường chỉ được đánh dấu để xem lại, không bị từ chối: dùng «warning».',
    'the threshold «%(text)s» must be a positive number (the robust z-score above which a value is flagged, for example 3.5).':
        'ngưỡng «%(text)s» phải là số dương (điểm z vững mà vượt quá thì đánh dấu, ví dụ 3.5).',
    'Error':
        'Lỗi',
    'Warning':
        'Cảnh báo',
    'equals':
        'bằng',
    'equals within rounding':
        'bằng (trong sai số làm tròn)',
    'at most':
        'không lớn hơn',
    'at least':
        'không nhỏ hơn',
    'less than':
        'nhỏ hơn',
    'greater than':
        'lớn hơn',
    'within a plausible range':
        'trong khoảng hợp lý',
    'is required':
        'bắt buộc có',
    'statements of one figure agree':
        'các cách ghi của một số liệu phải khớp',
    'far from its own history':
        'khác thường so với các kỳ trước',
    'far from its sibling units':
        'khác thường so với đơn vị cùng cấp',
    'severity':
        'mức độ',
    'condition':
        'điều kiện',
    'left side':
        'vế trái',
    'operator':
        'phép so sánh',
    'right side':
        'vế phải',
    'tolerance':
        'sai số cho phép',
    'minimum number of points':
        'số điểm tối thiểu',
    'message template':
        'mẫu thông báo',
    'active':
        'đang dùng',
    'applies to every indicator':
        'áp dụng cho mọi chỉ tiêu',
    'validation rule':
        'quy tắc kiểm tra',
    'validation rules':
        'quy tắc kiểm tra',
    'Open':
        'Chưa xử lý',
    'Resolved':
        'Đã xử lý',
    'instance':
        'trường hợp',
    'values':
        'giá trị',
    'resolved at':
        'thời điểm xử lý',
    'finding':
        'kết quả kiểm tra',
    'findings':
        'kết quả kiểm tra',
    'rule':
        'quy tắc',
    'indicators':
        'chỉ tiêu',
    'A rule no longer in the rule files is deactivated, not deleted, so that its findings stay in the record.':
        'Quy tắc không còn trong tệp quy tắc được ngừng dùng chứ không xóa, để giữ lại các kết quả kiểm tra của nó.',
    'Download the report (Word)':
        'Tải báo cáo (Word)',
    'No such unit, or you may not see it.':
        'Không có đơn vị này, hoặc bạn không có quyền xem.',
    'Results against the targets set from above':
        'Kết quả so với chỉ tiêu cấp trên giao',
    'Trend over the years':
        'Diễn biến qua các năm',
    'indicator «%(code)s» is not disaggregated by «%(dimension)s» (allowed dimensions: %(known)s).':
        'chỉ tiêu «%(code)s» không phân tổ theo «%(dimension)s» (các chiều được phép: %(known)s).',
    'dimension «%(dimension)s» has no option «%(option)s».':
        'chiều «%(dimension)s» không có nhóm «%(option)s».',
    'message':
        'thông báo',
    'status':
        'trạng thái',
    'created at':
        'tạo lúc',
    'a rate cannot be added up over time (94%% + 95%% is not a year); use «none» or «last».':
        'không được cộng dồn tỷ lệ theo thời gian (94%% + 95%% không phải số cả năm); dùng «none» hoặc «last».',
    'The demo data is already loaded (reload it with: ktxh demo load).':
        'Dữ liệu mẫu đã có sẵn (nạp lại bằng lệnh: ktxh demo load).',
    '«%(text)s» has more than %(places)d decimal places.':
        '«%(text)s» có hơn %(places)d chữ số thập phân.',
    '«%(text)s» has more than %(digits)d significant digits, more than every database keeps exactly; use a larger unit (tỷ đồng rather than đồng).':
        '«%(text)s» có hơn %(digits)d chữ số có nghĩa, nhiều hơn mức mọi cơ sở dữ liệu lưu chính xác được; hãy dùng đơn vị lớn hơn (tỷ đồng thay cho đồng).',
    'Template «%(path)s» took more than %(seconds)d seconds to fill and was stopped.':
        'Mẫu «%(path)s» cần hơn %(seconds)d giây để điền nên đã bị dừng.',
    'Template «%(path)s» used too much memory or time and was stopped.':
        'Mẫu «%(path)s» dùng quá nhiều bộ nhớ hoặc thời gian nên đã bị dừng.',
    'Template «%(path)s» used too much memory and was stopped.':
        'Mẫu «%(path)s» dùng quá nhiều bộ nhớ nên đã bị dừng.',
    # checks -----------------------------------------------------------------------------------------------------
    "«%(fraction)s» is %(actual)s, but the text says %(stated)s.":
        "«%(fraction)s» bằng %(actual)s, nhưng văn bản ghi %(stated)s.",
    "A part after «trong đó» is larger than the whole: %(parts)s > %(whole)s.":
        "Phần «trong đó» lớn hơn tổng: %(parts)s > %(whole)s.",
    "The parts add up to %(sum)s %(unit)s, not to the stated total %(total)s (a gap of %(gap)s %(unit)s).":
        "Các phần cộng lại được %(sum)s %(unit)s, khác tổng đã nêu %(total)s (lệch %(gap)s %(unit)s).",
    "The parts named add up to %(sum)s %(unit)s, more than the total %(total)s.":
        "Các phần đã nêu cộng lại được %(sum)s %(unit)s, lớn hơn tổng %(total)s.",
    "%(part)s is %(actual)s, not %(stated)s": "%(part)s là %(actual)s chứ không phải %(stated)s",
    "The shares do not match the total %(total)s: %(detail)s.": "Tỷ lệ không khớp với tổng %(total)s: %(detail)s.",
    "The parts add up to the total %(total)s but their shares add up to %(sum)s (it must be 100%%).":
        "Các phần cộng đủ tổng %(total)s nhưng tỷ lệ của chúng cộng lại %(sum)s (phải là 100%%).",
    "The footnote of %(total)s splits it into parts that add up to %(sum)s %(unit)s (a gap of %(gap)s %(unit)s).":
        "Chú thích của %(total)s chia nó thành các phần cộng lại được %(sum)s %(unit)s (lệch %(gap)s %(unit)s).",
    "The shares of the structure add up to %(sum)s, not 100%%.":
        "Các tỷ lệ của cơ cấu cộng lại %(sum)s, không phải 100%%.",
    "The shares of one whole split into %(count)d parts add up to %(sum)s, not 100%%.":
        "Các tỷ lệ của một tổng thể được chia thành %(count)d phần cộng lại %(sum)s, không phải 100%%.",
    "The same quantity («%(what)s») is given two different values: %(a)s and %(b)s.":
        "Cùng một chỉ tiêu («%(what)s») được nêu với hai giá trị khác nhau: %(a)s và %(b)s.",
    "Perhaps %(value)s tạ/ha?": "Có lẽ là %(value)s tạ/ha?",
    "a crop": "cây trồng",
    "The yield of %(crop)s %(value)s (= %(converted)s %(unit)s) is implausible (plausible: %(low)s – %(high)s "
    "%(unit)s).%(hint)s":
        "Năng suất %(crop)s %(value)s (= %(converted)s %(unit)s) là không hợp lý (hợp lý: %(low)s – %(high)s "
        "%(unit)s).%(hint)s",
    "A share of %(value)s is part of a whole, so it cannot exceed %(high)s%%.":
        "Tỷ lệ %(value)s là phần của một tổng thể nên không thể vượt %(high)s%%.",
    "Two shares imply two different totals: %(a)s = %(pa)s → a total of about %(ta)s %(unit)s; %(b)s = %(pb)s → a "
    "total of about %(tb)s %(unit)s.":
        "Hai tỷ lệ ngụ ý hai tổng khác nhau: %(a)s = %(pa)s → tổng khoảng %(ta)s %(unit)s; %(b)s = %(pb)s → tổng "
        "khoảng %(tb)s %(unit)s.",
    "«%(word)s» already writes the unit «%(other)s»: a word names one unit only.":
        "«%(word)s» đã là cách viết của đơn vị «%(other)s»: mỗi cách viết chỉ thuộc một đơn vị.",
    "%(left)s does not equal %(right)s: they differ by %(difference)s.":
        "%(left)s không bằng %(right)s: chênh %(difference)s.",
    "%(left)s is larger than %(right)s.": "%(left)s lớn hơn %(right)s.",
    "%(left)s is smaller than %(right)s.": "%(left)s nhỏ hơn %(right)s.",
    "%(stated)s is written, but the numbers it comes from give %(computed)s.":
        "Ghi %(stated)s nhưng tính từ các số liệu gốc được %(computed)s.",
    "The parts add up to %(sum)s, not to the whole %(whole)s (a gap of %(gap)s).":
        "Các phần cộng lại được %(sum)s, không bằng tổng %(whole)s (lệch %(gap)s).",
    "One quantity is stated as %(a)s and as %(b)s.": "Cùng một số liệu được ghi là %(a)s và %(b)s.",
    "The part %(part)s is larger than its whole %(whole)s.": "Phần %(part)s lớn hơn tổng %(whole)s.",
    "%(what)s%(value)s is outside the plausible range %(bounds)s.":
        "%(what)s%(value)s nằm ngoài khoảng hợp lý %(bounds)s.",
    "The shares add up to %(sum)s%%, not to %(whole)s%%.": "Các tỷ lệ cộng lại %(sum)s%%, không phải %(whole)s%%.",
    "«%(text)s» differs from the plausible range %(range)s of «%(code)s» in data/checks/plausible.csv: leave the "
    "column empty to use it.":
        "«%(text)s» khác khoảng hợp lý %(range)s của «%(code)s» trong data/checks/plausible.csv: để trống cột này "
        "để dùng khoảng đó.",
    # cli
    "log what is done, with counts and times (-vv: more detail)":
        "ghi nhật ký việc đã làm, kèm số lượng và thời gian (-vv: chi tiết hơn)",
    "Cannot create the folder «%(path)s»: %(reason)s. Check KTXH_DATA_DIR and KTXH_DATABASE_URL.":
        "Không tạo được thư mục «%(path)s»: %(reason)s. Kiểm tra KTXH_DATA_DIR và KTXH_DATABASE_URL.",
    "The database is not ready (empty or from an older version of ktxh). Create or upgrade it first: ktxh init":
        "Cơ sở dữ liệu chưa sẵn sàng (còn trống hoặc của phiên bản ktxh cũ hơn). Hãy tạo hoặc nâng cấp trước: "
        "ktxh init",
    "check that the numbers of a report (.docx or .txt) agree with each other":
        "kiểm tra tính nhất quán của số liệu trong một báo cáo (.docx hoặc .txt)",
    "Reads the report, finds its numbers and checks them against each other: fractions and percentages, parts and "
    "totals, one figure stated twice, implausible values. Exit status: 0 nothing found, 1 points to review, 2 the "
    "file cannot be read.":
        "Đọc báo cáo, tìm các con số và đối chiếu chúng với nhau: phân số và tỷ lệ, các phần và tổng, một chỉ tiêu "
        "nêu hai lần, giá trị không hợp lý. Mã thoát: 0 không thấy gì, 1 có điểm cần xem lại, 2 không đọc được tệp.",
    "FILE": "TỆP",
    "a .docx or .txt (UTF-8) report": "báo cáo .docx hoặc .txt (UTF-8)",
    "how to print the result": "cách in kết quả",
    "the file is too deeply nested to check.": "tệp có cấu trúc quá phức tạp, không kiểm tra được.",
    "«%(path)s» is not a regular file: give the name of a file to write.":
        "«%(path)s» không phải là tệp thông thường: hãy cho tên một tệp để ghi.",
    # loaders ------------------------------------------------------------------------------------------------------
    "Its child unit «%(child)s» is valid before this unit starts (%(start)s).":
        "Đơn vị cấp dưới «%(child)s» có hiệu lực trước khi đơn vị này bắt đầu (%(start)s).",
    "Its child unit «%(child)s» is still valid after this unit ends (%(end)s).":
        "Đơn vị cấp dưới «%(child)s» vẫn còn hiệu lực sau khi đơn vị này hết hiệu lực (%(end)s).",
    "disaggregation dimension «%(dimension)s» is dropped from this indicator, but %(count)d stored figure is split "
    "by it; keep the dimension, or delete or move that figure first.":
        "chỉ tiêu này bỏ chiều phân tổ «%(dimension)s», nhưng có %(count)d số liệu đã lưu được phân tổ theo chiều "
        "đó; hãy giữ chiều phân tổ, hoặc xóa hay chuyển các số liệu đó trước.",
    "The formula is too long: at most %(terms)d terms and %(depth)d levels of nesting.":
        "Công thức quá dài: tối đa %(terms)d số hạng và %(depth)d tầng lồng nhau.",
    "Cannot open the database file «%(path)s»: %(reason)s. Check KTXH_DATABASE_URL.":
        "Không mở được tệp cơ sở dữ liệu «%(path)s»: %(reason)s. Kiểm tra KTXH_DATABASE_URL.",
    # users and roles
    "view": "xem", "data entry": "nhập liệu", "approve": "duyệt", "administer": "quản trị", "role": "vai trò",
    "add users and list them": "thêm và liệt kê người dùng",
    "ACTION": "VIỆC",
    "create a user, or grant an existing one a unit with a role":
        "tạo người dùng, hoặc giao cho người dùng đã có một đơn vị với một vai trò",
    "code of the unit the user works for (and the units below it)":
        "mã đơn vị người dùng làm việc (và các đơn vị trực thuộc)",
    "xem: view; nhap-lieu: enter figures; duyet: approve; quan-tri: administer":
        "xem: chỉ xem; nhap-lieu: nhập số liệu; duyet: duyệt; quan-tri: quản trị",
    "read the password from standard input": "đọc mật khẩu từ đầu vào chuẩn",
    "the person's full name": "họ và tên",
    "list the users with their units and roles": "liệt kê người dùng cùng đơn vị và vai trò",
    "«%(name)s» is not a valid user name: 1 to 150 characters, no spaces.":
        "«%(name)s» không phải tên đăng nhập hợp lệ: từ 1 đến 150 ký tự, không có dấu cách.",
    "No password on standard input.": "Không có mật khẩu ở đầu vào chuẩn.",
    "Created user %(user)s: %(role)s in %(unit)s.": "Đã tạo người dùng %(user)s: %(role)s tại %(unit)s.",
    "User %(user)s: %(role)s in %(unit)s.": "Người dùng %(user)s: %(role)s tại %(unit)s.",
    "all units (superuser)": "mọi đơn vị (quản trị hệ thống)",
    "[disabled]": "[đã khóa]",
    # audit output
    "Fraction and percentage disagree": "Phân số và tỷ lệ không khớp",
    "Percentage disagrees with the total": "Tỷ lệ không khớp với tổng",
    "The parts do not add up to the total": "Các phần không cộng đủ tổng",
    "A part is larger than its total": "Phần lớn hơn tổng",
    "The percentages do not add up to 100%": "Các tỷ lệ không cộng thành 100%",
    "One quantity, two values": "Một chỉ tiêu, hai giá trị",
    "Implausible value": "Giá trị không hợp lý",
    "The percentages imply different totals": "Các tỷ lệ ngụ ý tổng khác nhau",
    "No contradiction between the numbers of «%(name)s».": "Không thấy mâu thuẫn nào về số liệu trong «%(name)s».",
    "No contradiction between the numbers.": "Không thấy mâu thuẫn nào về số liệu.",
    "%(count)d point to review in «%(name)s»:": "%(count)d điểm cần xem lại trong «%(name)s»:",
    "%(count)d point to review:": "%(count)d điểm cần xem lại:",
    # exchange ----------------------------------------------------------------------------------------------------
    "import figures from a file written by ktxh export": "nhập số liệu từ tệp do ktxh export ghi",
    "a CSV file with the columns of ktxh export --format csv": "tệp CSV có các cột của ktxh export --format csv",
    "check the file and say what would change, without writing anything":
        "kiểm tra tệp và cho biết những gì sẽ thay đổi, không ghi gì",
    "«%(path)s» is not a file.": "«%(path)s» không phải là tệp.",
    "Dry run, nothing was written: %(summary)s.": "Chạy thử, không ghi gì: %(summary)s.",
    "Imported: %(summary)s.": "Đã nhập: %(summary)s.",
    "import of %(file)s": "nhập từ tệp %(file)s",
    "the file gives the unit «%(unit)s», but indicator «%(code)s» is kept in «%(expected)s».":
        "tệp ghi đơn vị tính «%(unit)s», nhưng chỉ tiêu «%(code)s» được lưu theo «%(expected)s».",
    "the file contains a NUL byte: it is not a text CSV file (save it again as «CSV UTF-8»).":
        "tệp có byte NUL: đây không phải tệp CSV dạng văn bản (hãy lưu lại dưới dạng «CSV UTF-8»).",
    "a cell is longer than %(limit)s characters; a figure's text or comment cannot be that long.":
        "có ô dài hơn %(limit)s ký tự; nội dung hay ghi chú của một số liệu không thể dài như vậy.",
    "a quoted cell that starts in this row is never closed: a «\"» is missing (the file ends inside the cell).":
        "một ô mở ngoặc kép ở dòng này không được đóng: thiếu dấu «\"» (tệp kết thúc khi ô chưa đóng).",
    "the row is not valid CSV (%(reason)s): a «\"» inside a cell must be doubled, and a quoted cell must be "
    "followed by a comma or the end of the line.":
        "dòng không đúng định dạng CSV (%(reason)s): dấu «\"» trong một ô phải viết đôi, và sau một ô trong ngoặc "
        "kép phải là dấu phẩy hoặc hết dòng.",
    "the text has %(length)s characters; at most %(limit)d are allowed.":
        "văn bản dài %(length)s ký tự; tối đa %(limit)d ký tự.",
    "«%(text)s» is not a plain number: write it with the digits 0–9 only, without «_» or full-width digits (for "
    "example 1134.31).":
        "«%(text)s» không phải số viết thường: chỉ dùng các chữ số 0–9, không dùng «_» hay chữ số toàn độ rộng "
        "(ví dụ 1134.31).",
    # reading
    "%(stated)s is written, but the numbers beside it give %(computed)s.":
        "Văn bản ghi %(stated)s, nhưng các số liệu bên cạnh cho %(computed)s.",
    "A change of %(stated)s is written, but the two values give %(computed)s.":
        "Văn bản ghi mức thay đổi %(stated)s, nhưng hai giá trị cho %(computed)s.",
    "Area × yield gives %(computed)s %(unit)s, but the production written is %(stated)s.":
        "Diện tích × năng suất cho %(computed)s %(unit)s, nhưng sản lượng ghi là %(stated)s.",
    "«%(label)s» is measured in %(unit)s, which does not fit: %(value)s.":
        "«%(label)s» được ghi bằng đơn vị %(unit)s, không phù hợp: %(value)s.",
    "A percentage is followed by a unit: %(value)s %(unit)s.": "Sau một tỷ lệ phần trăm lại có đơn vị: %(value)s %(unit)s.",
    "%(whole)s less %(part)s is %(computed)s %(unit)s, but the text says %(rest)s.":
        "%(whole)s trừ %(part)s còn %(computed)s %(unit)s, nhưng văn bản ghi %(rest)s.",
    "Percentage disagrees with the numbers beside it": "Tỷ lệ không khớp với các số liệu bên cạnh",
    "The change disagrees with the two values": "Mức thay đổi không khớp với hai giá trị",
    "Area × yield disagrees with the production": "Diện tích × năng suất không khớp với sản lượng",
    "The unit does not fit what is measured": "Đơn vị không phù hợp với chỉ tiêu",
    "worth a look": "nên xem lại",
    "also show the points worth a look (by default only the sure contradictions)":
        "hiện cả các điểm nên xem lại (mặc định chỉ hiện các mâu thuẫn chắc chắn)",
    "propose figures for the database from a past report (.docx or .txt)":
        "đề xuất số liệu cho cơ sở dữ liệu từ một báo cáo cũ (.docx hoặc .txt)",
    "Reads the report and proposes, for each number that matches a catalog indicator, a figure of the unit and "
    "period given, with its kind (result, estimate, target, change, share, count), the sentence it comes from, a "
    "confidence and the reason. Nothing is written.":
        "Đọc báo cáo và đề xuất, với mỗi số khớp một chỉ tiêu trong danh mục, một số liệu của đơn vị và kỳ đã cho, "
        "kèm hình thức (kết quả, ước, chỉ tiêu, thay đổi, tỷ trọng, đếm), câu chứa số đó, độ tin cậy và lý do. "
        "Không ghi gì vào cơ sở dữ liệu.",
    "code of the unit the report is about": "mã đơn vị mà báo cáo nói về",
    "the period the report is about (e.g. 2023)": "kỳ mà báo cáo nói về (ví dụ 2023)",
    "The catalog is empty: load it first (ktxh init).": "Danh mục chỉ tiêu trống: hãy nạp trước (ktxh init).",
    "No figure of the catalog found in «%(name)s».": "Không tìm thấy số liệu nào của danh mục trong «%(name)s».",
    "%(count)d figures proposed from «%(name)s» (%(unmatched)d numbers match no indicator):":
        "%(count)d số liệu được đề xuất từ «%(name)s» (%(unmatched)d số không khớp chỉ tiêu nào):",
    "confidence": "độ tin cậy",
    "sentence": "câu",
    "result": "kết quả",
    "estimate": "ước",
    "target": "chỉ tiêu",
    "change": "thay đổi",
    "share": "tỷ trọng",
    "count": "đếm",
    "season: %(season)s": "vụ: %(season)s",
    "unit %(unit)s fits %(indicator_unit)s; words: %(words)s":
        "đơn vị %(unit)s phù hợp %(indicator_unit)s; từ khớp: %(words)s",
    "also put the proposals in the review queue of the web app (nothing becomes a figure until a person accepts it)":
        "đưa các đề xuất vào hàng chờ xem xét trên ứng dụng web (chưa thành số liệu cho đến khi có người chấp nhận)",
    "%(count)d proposals put in the review queue.": "Đã đưa %(count)d đề xuất vào hàng chờ xem xét.",
    "Figures read from reports": "Số liệu đọc từ báo cáo",
    "Waiting for review": "Chờ xem xét",
    "Accepted": "Đã chấp nhận",
    "Rejected": "Đã từ chối",
    "report file": "tệp báo cáo",
    "reason": "lý do",
    "reviewed by": "người xem xét",
    "reviewed at": "thời điểm xem xét",
    "proposed figure": "số liệu đề xuất",
    "proposed figures": "số liệu đề xuất",
    "from report %(file)s": "từ báo cáo %(file)s",
    "from report %(file)s, sentence: %(sentence)s": "từ báo cáo %(file)s, câu: %(sentence)s",
    "This proposal has already been reviewed.": "Đề xuất này đã được xem xét.",
    "Choose the indicator this figure is of.": "Hãy chọn chỉ tiêu của số liệu này.",
    "A change is not a figure of its indicator: reject it, or enter the value it leads to.":
        "Mức thay đổi không phải là số liệu của chỉ tiêu: hãy từ chối, hoặc nhập giá trị sau thay đổi.",
    "review queue": "hàng chờ xem xét",
    "Rejected.": "Đã từ chối.",
    "There is no indicator with code «%(code)s».": "Không có chỉ tiêu mã «%(code)s».",
    "«%(value)s» is not a number.": "«%(value)s» không phải là số.",
    "Accepted: the figure is recorded.": "Đã chấp nhận: số liệu đã được ghi.",
    "A new indicator «%(code)s» was added and the figure recorded.":
        "Đã thêm chỉ tiêu mới «%(code)s» và ghi số liệu.",
    "Unknown action.": "Thao tác không hợp lệ.",
    "Give the new indicator a code and a name.": "Hãy nhập mã và tên cho chỉ tiêu mới.",
    "There is already an indicator with code «%(code)s».": "Đã có chỉ tiêu mã «%(code)s».",
    "The catalog has no unit «%(unit)s»: add the indicator in the catalog administration.":
        "Danh mục không có đơn vị «%(unit)s»: hãy thêm chỉ tiêu trong trang quản trị danh mục.",
    "Each figure below was read from a past report. Nothing is recorded until you accept it; you may correct the "
    "indicator or the value first, or reject it.":
        "Mỗi số liệu dưới đây được đọc từ một báo cáo cũ. Chưa có gì được ghi cho đến khi bạn chấp nhận; bạn có thể "
        "sửa chỉ tiêu hoặc giá trị trước, hoặc từ chối.",
    "decision": "quyết định",
    "Accept": "Chấp nhận",
    "Reject": "Từ chối",
    "No indicator fits: add one": "Không có chỉ tiêu phù hợp: thêm chỉ tiêu mới",
    "Add and accept": "Thêm và chấp nhận",
    "Nothing waits for review.": "Không có gì chờ xem xét.",
}


def main() -> int:
    po = polib.pofile(str(CATALOG))
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid in VI and entry.msgid_plural:  # Vietnamese has one plural form
            if not entry.msgstr_plural.get(0) or "fuzzy" in entry.flags:
                entry.msgstr_plural = {0: VI[entry.msgid]}
        elif entry.msgid in VI and (not entry.msgstr or "fuzzy" in entry.flags):
            entry.msgstr = VI[entry.msgid]
        if "fuzzy" in entry.flags and entry.msgid in VI:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if (not entry.msgstr and not any(entry.msgstr_plural.values())) or "fuzzy" in entry.flags:
            missing.append(entry.msgid)
    po.save()
    for msgid in missing:
        print("untranslated:", repr(msgid))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
