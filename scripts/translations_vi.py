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
    # analytics notes
    "qualitative target: a person must judge it": "chỉ tiêu định tính: cần người đánh giá",
    "not computable: no result yet": "không tính được: chưa có số thực hiện",
    "not computable: the target has no number": "không tính được: chỉ tiêu không có giá trị số",
    "rate: compared in percentage points": "tỷ lệ: so sánh theo điểm phần trăm",
    "percentage of plan not computable: the target is 0": "không tính được % kế hoạch: chỉ tiêu bằng 0",
    "not computable: no figure for the same period last year": "không tính được: không có số liệu cùng kỳ",
    "rate: change in percentage points": "tỷ lệ: thay đổi tính theo điểm phần trăm",
    "percentage change not computable: last year's figure is 0": "không tính được % so cùng kỳ: cùng kỳ bằng 0",
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
    # figures — notes of the read model (ktxh/figures) and the pages that show them
    "no data for «%(name)s»": "chưa có số liệu «%(name)s»",
    "not computable: %(reason)s": "không tính được: %(reason)s",
    "indicator «%(name)s» is not rolled up from the units below":
        "chỉ tiêu «%(name)s» không tổng hợp từ đơn vị trực thuộc",
    "rolled up from %(count)d/%(expected)d units below": "tổng hợp từ %(count)d/%(expected)d đơn vị trực thuộc",
    "the weights add up to 0": "tổng quyền số bằng 0",
    "weighted mean of %(count)d units below": "bình quân gia quyền của %(count)d đơn vị trực thuộc",
    "%(names)s missing": "thiếu %(names)s",
    "%(name)s of the units below is 0": "%(name)s của các đơn vị trực thuộc bằng 0",
    "%(name)s is 0": "%(name)s bằng 0",
    "recomputed from the numerators and denominators of the units below":
        "tính lại từ tử số và mẫu số của các đơn vị trực thuộc",
    "computed from %(numerator)s / %(denominator)s": "tính từ %(numerator)s / %(denominator)s",
    "cannot add %(unit)s (%(name)s) to %(total_unit)s": "không cộng được %(unit)s (%(name)s) với %(total_unit)s",
    "computed by the formula %(formula)s": "tính theo công thức %(formula)s",
    "end-of-period value (%(period)s)": "số cuối kỳ (%(period)s)",
    "sum of %(count)d periods: %(periods)s": "cộng %(count)d kỳ: %(periods)s",
    "no data for %(period)s": "không có số liệu %(period)s",
    "the unit did not exist in %(period)s and has no predecessor":
        "đơn vị chưa có trong %(period)s và không có đơn vị tiền thân",
    "the chain of mergers is too long": "chuỗi sáp nhập quá dài",
    "the denominator of the predecessors is 0": "mẫu số của các đơn vị tiền thân bằng 0",
    "the unit was merged or split, and «%(name)s» cannot be added up from its predecessors":
        "đơn vị mới sáp nhập/chia tách, chỉ tiêu «%(name)s» không cộng được từ các đơn vị tiền thân",
    "no data for %(period)s of «%(unit)s»": "thiếu số liệu %(period)s của «%(unit)s»",
    "recomputed from the predecessors": "tính lại từ các đơn vị tiền thân",
    "summed from the predecessors: %(names)s": "cộng từ đơn vị tiền thân: %(names)s",
    "the figure entered differs by %(difference)s from the total of the units below":
        "số nhập trực tiếp chênh %(difference)s so với tổng hợp từ đơn vị trực thuộc",
    # report-prose
    "template syntax error on its line %(line)d: %(error)s": "mẫu câu sai cú pháp ở dòng %(line)d của mẫu: %(error)s",
    "the template uses «%(construct)s», which sentence templates may not use (only figures, filters, khoang() and if).": "mẫu dùng «%(construct)s», mẫu câu không được dùng (chỉ được dùng số liệu, bộ lọc, khoang() và if).",
    "the template reads the attribute «%(attribute)s», which is not allowed.": "mẫu đọc thuộc tính «%(attribute)s», điều này không được phép.",
    "the template uses the unknown filter «%(name)s».": "mẫu dùng bộ lọc «%(name)s» không có.",
    "the template calls something other than %(functions)s.": "mẫu gọi hàm khác ngoài %(functions)s.",
    "unknown figure code(s): %(codes)s.": "mã số liệu không có trong danh mục: %(codes)s.",
    "the plan «%(code)s» is already on line %(line)d.": "mẫu câu «%(code)s» đã có ở dòng %(line)d.",
    "sector «%(sector)s» is not in the catalog.": "lĩnh vực «%(sector)s» không có trong danh mục.",
    "the order must be a whole number.": "thứ tự phải là số nguyên.",
    "Sentence template «%(code)s» (%(file)s, line %(line)d) failed for the figure «%(figure)s»: %(error)s": "Mẫu câu «%(code)s» (%(file)s, dòng %(line)d) lỗi khi viết số liệu «%(figure)s»: %(error)s",
    "Missing figure «%(code)s» (%(name)s), needed by %(where)s: the sentence is left out.": "Thiếu số liệu «%(code)s» (%(name)s), cần cho %(where)s: câu này không được đưa vào báo cáo.",
    "Missing result for «%(name)s», which has a target set from above.": "Thiếu kết quả thực hiện của «%(name)s», chỉ tiêu được cấp trên giao.",
    "«%(name)s» is stated as %(stated)s%%, but its figures give %(computed)s%%: the report writes the computed one.": "«%(name)s» ghi %(stated)s%%, nhưng tính từ các số liệu liên quan được %(computed)s%%: báo cáo ghi số tính được.",
    "Validation: %(message)s": "Kiểm tra số liệu: %(message)s",
    "There are no figures for %(period)s, only for the year %(year)d: the report does not use the year's figures for a shorter period. Enter the figures of %(period)s.": "Chưa có số liệu %(period)s, chỉ có số liệu cả năm %(year)d: báo cáo không dùng số liệu cả năm cho kỳ ngắn hơn. Hãy nhập số liệu %(period)s.",
    "list what is missing or inconsistent for the period, without writing the report": "liệt kê số liệu còn thiếu hoặc không khớp của kỳ, không ghi báo cáo",
    "Check list (%(count)d): run ktxh report --check for the details.": "Danh sách cần kiểm tra (%(count)d mục): chạy ktxh report --check để xem chi tiết.",
    "Give --org-unit with --check.": "Hãy ghi --org-unit cùng với --check.",
    "Nothing missing or inconsistent for %(unit)s, %(period)s.": "Không thiếu số liệu, không có số liệu không khớp: %(unit)s, %(period)s.",
    "Check list for %(unit)s, %(period)s (%(count)d):": "Danh sách cần kiểm tra của %(unit)s, %(period)s (%(count)d mục):",
    # server
    "write the whole database to a backup file": "ghi toàn bộ cơ sở dữ liệu ra một tệp sao lưu",
    "the backup file to write (a .zip)": "tệp sao lưu cần ghi (tệp .zip)",
    "Backed up %(rows)d rows of %(tables)d tables to %(path)s.":
        "Đã sao lưu %(rows)d dòng của %(tables)d bảng vào %(path)s.",
    "restore the whole database from a backup file": "khôi phục toàn bộ cơ sở dữ liệu từ một tệp sao lưu",
    "a file written by ktxh backup": "tệp do lệnh ktxh backup ghi ra",
    "replace the data of a database that is not empty": "thay thế dữ liệu của một cơ sở dữ liệu đã có dữ liệu",
    "The file «%(path)s» does not exist.": "Không có tệp «%(path)s».",
    "Cannot read «%(path)s»: %(reason)s.": "Không đọc được «%(path)s»: %(reason)s.",
    "«%(path)s» is not a ktxh backup.": "«%(path)s» không phải là bản sao lưu của ktxh.",
    "«%(path)s» was written by a newer version of ktxh (backup format %(version)s); upgrade ktxh to restore it.":
        "«%(path)s» được ghi bởi phiên bản ktxh mới hơn (định dạng sao lưu %(version)s); hãy nâng cấp ktxh để "
        "khôi phục.",
    "«%(path)s» is damaged (%(error)s).": "Tệp «%(path)s» bị hỏng (%(error)s).",
    "The backup comes from a newer version of ktxh (unknown migrations: %(names)s); upgrade ktxh to restore it.":
        "Bản sao lưu đến từ phiên bản ktxh mới hơn (có bước chuyển đổi CSDL chưa biết: %(names)s); hãy nâng cấp "
        "ktxh để khôi phục.",
    "The backup does not match the schema of this version of ktxh (%(table)s: %(columns)s).":
        "Bản sao lưu không khớp với cấu trúc CSDL của phiên bản ktxh này (%(table)s: %(columns)s).",
    "The database already holds data. Restoring replaces all of it: add --force to do so, or restore into an "
    "empty database.":
        "Cơ sở dữ liệu đã có dữ liệu. Khôi phục sẽ thay thế toàn bộ: thêm --force nếu muốn vậy, hoặc khôi phục vào "
        "một cơ sở dữ liệu trống.",
    "Restored %(rows)d rows of %(tables)d tables from %(path)s.":
        "Đã khôi phục %(rows)d dòng của %(tables)d bảng từ %(path)s.",
    "number of worker processes (default: KTXH_WORKERS, or 2 × CPUs + 1)":
        "số tiến trình xử lý (mặc định: KTXH_WORKERS, hoặc 2 × số CPU + 1)",
    "The number of workers must be a whole number greater than 0 (KTXH_WORKERS=%(value)s).":
        "Số tiến trình xử lý phải là số nguyên lớn hơn 0 (KTXH_WORKERS=%(value)s).",
    "Warning: Gunicorn cannot run here; using the development server (one user at a time).":
        "Cảnh báo: không chạy được Gunicorn trên máy này; dùng máy chủ phát triển (mỗi lúc một người dùng).",
    "Sign-in": "Đăng nhập",
    "Sign-out": "Đăng xuất",
    "Failed sign-in": "Đăng nhập thất bại",
    "%(name)s=%(value)s: a whole number greater than 0 is needed.": "%(name)s=%(value)s: cần một số nguyên lớn hơn 0.",
    "The form has expired": "Biểu mẫu đã hết hạn",
    "The page was open too long, or you signed in or out in another tab, so the form could not be accepted (a "
    "protection against forged requests).":
        "Trang đã mở quá lâu, hoặc bạn đã đăng nhập hay đăng xuất ở một thẻ khác, nên biểu mẫu không được chấp nhận "
        "(biện pháp chống giả mạo yêu cầu).",
    "Go back, reload the page and send the form again. If it keeps happening, make sure your browser accepts "
    "cookies from this site.":
        "Hãy quay lại, tải lại trang rồi gửi lại biểu mẫu. Nếu vẫn lặp lại, hãy kiểm tra trình duyệt có cho phép "
        "cookie của trang này không.",
    "Back to the home page": "Về trang chủ",
    "Too many failed sign-ins with this user name. For your safety it is locked: try again in %(minutes)s minute, "
    "or ask the administrator to unlock it.":
        "Đăng nhập sai quá nhiều lần với tên người dùng này. Để bảo đảm an toàn, tài khoản tạm bị khóa: hãy thử lại "
        "sau %(minutes)s phút, hoặc nhờ quản trị viên mở khóa.",
    # exchange2
    "import figures from a file (CSV, Excel, DHIS2)": "nhập số liệu từ tệp (CSV, Excel, DHIS2)",
    "a .csv written by ktxh export, an .xlsx template or sheet with a header row, or a DHIS2 dataValueSet (.json or .csv)":
        "tệp .csv do ktxh export ghi, biểu mẫu .xlsx hay bảng tính có dòng tiêu đề, hoặc dataValueSet DHIS2 (.json "
        "hay .csv)",
    "an Excel file cannot be written to the screen: give -o FILE.xlsx.":
        "không ghi được tệp Excel ra màn hình: hãy cho -o TỆP.xlsx.",
    "cannot write «%(path)s»: %(error)s": "không ghi được «%(path)s»: %(error)s",
    "write an Excel template for entering figures": "ghi biểu mẫu Excel để nhập số liệu",
    "sector code (the sector and its subsectors; default: all)":
        "mã lĩnh vực (lĩnh vực đó và các lĩnh vực con; mặc định: tất cả)",
    "the .xlsx file to write": "tệp .xlsx cần ghi",
    "sector «%(code)s» is not in the catalog.": "lĩnh vực «%(code)s» không có trong danh mục.",
    "the template is an Excel file: give a name ending in .xlsx.":
        "biểu mẫu là tệp Excel: hãy đặt tên kết thúc bằng .xlsx.",
    "Wrote a template with %(count)d rows to %(path)s.": "Đã ghi biểu mẫu %(count)d dòng vào %(path)s.",
    "«%(text)s» is not a number (write it like 1.234,5 or 1234.5).":
        "«%(text)s» không phải là số (viết như 1.234,5 hoặc 1234.5).",
    "«%(text)s» is ambiguous: it may be %(vi)s (Vietnamese notation) or %(point)s (decimal point), and the other cells of the column do not tell which; write «%(vi)s» or «%(point)s».":
        "«%(text)s» không rõ nghĩa: có thể là %(vi)s (cách viết Việt Nam) hoặc %(point)s (dấu chấm thập phân), và "
        "các ô khác của cột không cho biết là cách nào; hãy viết «%(vi)s» hoặc «%(point)s».",
    "the file has %(size)s MB, more than the %(limit)s MB allowed (setting KTXH_IMPORT_MAX_BYTES).":
        "tệp có %(size)s MB, quá mức %(limit)s MB cho phép (thiết lập KTXH_IMPORT_MAX_BYTES).",
    "the workbook is protected by a password, or is an old Excel 97–2003 file (.xls): open it in Excel, remove the password and save it as .xlsx.":
        "tệp Excel được bảo vệ bằng mật khẩu, hoặc là tệp Excel 97–2003 cũ (.xls): mở trong Excel, bỏ mật khẩu và "
        "lưu lại thành .xlsx.",
    "the file is a zip archive but not an Excel workbook (.xlsx).":
        "tệp là tệp nén zip nhưng không phải tệp Excel (.xlsx).",
    "the workbook unpacks to %(size)s MB (compressed %(ratio)d times): too large or a «zip bomb»; nothing was read (settings KTXH_IMPORT_MAX_UNPACKED_BYTES, KTXH_IMPORT_MAX_ZIP_RATIO).":
        "tệp Excel giải nén ra %(size)s MB (nén %(ratio)d lần): quá lớn hoặc là «zip bomb»; chưa đọc gì (thiết lập "
        "KTXH_IMPORT_MAX_UNPACKED_BYTES, KTXH_IMPORT_MAX_ZIP_RATIO).",
    "the file is not a valid Excel workbook (.xlsx): it is truncated, damaged or of another format; save it again from Excel as «Excel Workbook (.xlsx)».":
        "không phải tệp Excel hợp lệ (.xlsx): tệp bị cắt cụt, hỏng hoặc là định dạng khác; hãy lưu lại từ Excel "
        "dạng «Excel Workbook (.xlsx)».",
    "ktxh cannot read «%(suffix)s» files; use .xlsx, .csv or DHIS2 .json.":
        "ktxh không đọc được tệp «%(suffix)s»; hãy dùng .xlsx, .csv hoặc .json của DHIS2.",
    "import of %(file)s by %(user)s": "nhập từ tệp %(file)s, người nhập: %(user)s",
    "you may not enter figures for unit «%(code)s».": "bạn không có quyền nhập số liệu cho đơn vị «%(code)s».",
    "Unit code": "Mã đơn vị",
    "Indicator code": "Mã chỉ tiêu",
    "Disaggregation code": "Mã phân tổ",
    "Breakdown": "Phân tổ",
    "Unit of measure": "Đơn vị tính",
    "Last year": "Năm trước",
    "This year's target": "Kế hoạch năm nay",
    "Kind of figure": "Loại số liệu",
    "Value": "Giá trị",
    "the workbook is protected by a password: remove the password and save it again.":
        "tệp Excel được bảo vệ bằng mật khẩu: hãy bỏ mật khẩu và lưu lại.",
    "the workbook cannot be read (%(error)s): save it again from Excel as «Excel Workbook (.xlsx)».":
        "không đọc được tệp Excel (%(error)s): hãy lưu lại từ Excel dạng «Excel Workbook (.xlsx)».",
    "%(file)s, sheet «%(sheet)s»": "%(file)s, trang tính «%(sheet)s»",
    "the sheet cannot be read (%(error)s).": "không đọc được trang tính (%(error)s).",
    "the sheet has %(rows)d rows, more than the %(limit)d allowed (setting KTXH_IMPORT_MAX_ROWS).":
        "trang tính có %(rows)d dòng, quá mức %(limit)d cho phép (thiết lập KTXH_IMPORT_MAX_ROWS).",
    "the header row has merged cells (%(first)s:%(last)s): give every column its own header in one row.":
        "dòng tiêu đề có ô gộp (%(first)s:%(last)s): mỗi cột cần một tiêu đề riêng trên một dòng.",
    "cell %(cell)s holds a formula: copy the sheet and paste it as values only (Paste Special → Values), then import again.":
        "ô %(cell)s chứa công thức: hãy sao chép trang tính và dán dạng giá trị (Paste Special → Values), rồi nhập "
        "lại.",
    "the workbook has no sheet with a header row.": "tệp Excel không có trang tính nào có dòng tiêu đề.",
    "two columns are headed «%(header)s».": "hai cột cùng có tiêu đề «%(header)s».",
    "the sheet is not a figures sheet: its first row has none of the columns ktxh reads (Unit code, Period, Indicator code, Value, …); remove the sheet or fix its header.":
        "trang tính không phải bảng số liệu: dòng đầu không có cột nào ktxh đọc (Mã đơn vị, Kỳ, Mã chỉ tiêu, Giá "
        "trị, …); hãy xóa trang tính hoặc sửa tiêu đề.",
    "missing column %(missing)s.": "thiếu cột %(missing)s.",
    "unknown column %(unknown)s (a typo in a header must not drop a column).":
        "cột không xác định %(unknown)s (tiêu đề gõ sai không được làm mất một cột).",
    "«%(value)s» is a true/false cell, not a value.": "«%(value)s» là ô đúng/sai, không phải giá trị.",
    "«%(value)s» is a date, not a number (the cell is formatted as a date?).":
        "«%(value)s» là ngày tháng, không phải số (ô được định dạng kiểu ngày?).",
    "«%(value)s» is not a number.": "«%(value)s» không phải là số.",
    "«%(value)s» is not a finite number.": "«%(value)s» không phải là số hữu hạn.",
    "Figures of %(unit)s, %(period)s": "Số liệu của %(unit)s, %(period)s",
    "Template of %(unit)s (%(code)s) for %(period)s. Fill in the yellow cells; the hidden columns hold the codes ktxh reads back.":
        "Biểu mẫu của %(unit)s (%(code)s) cho %(period)s. Điền vào các ô màu vàng; các cột ẩn chứa mã để ktxh đọc "
        "lại.",
    "Choose from the list.": "Hãy chọn trong danh sách.",
    "Type a whole number.": "Hãy gõ số nguyên.",
    "Type a number.": "Hãy gõ một số.",
    "another load or user added some of the same figures at the same moment; nothing of this file was written. Run the import again: it will compare with what is stored now.":
        "một lần nạp hoặc người dùng khác vừa thêm cùng những số liệu này vào cùng lúc; chưa ghi gì của tệp này. "
        "Hãy nhập lại: ktxh sẽ so sánh với số liệu đang lưu.",
    "The data was refused; nothing was written.": "Dữ liệu bị từ chối; chưa ghi gì.",
    "This parameter is required.": "Cần có tham số này.",
    "You may not enter figures for unit «%(code)s».": "Bạn không có quyền nhập số liệu cho đơn vị «%(code)s».",
    "Choose actual, estimate or target.": "Hãy chọn actual (thực hiện), estimate (ước) hoặc target (chỉ tiêu).",
    "The file is too large.": "Tệp quá lớn.",
    "the file is not valid JSON (%(error)s).": "tệp không phải JSON hợp lệ (%(error)s).",
    "the file is not a DHIS2 dataValueSet: an object with a «dataValues» list is expected.":
        "tệp không phải dataValueSet của DHIS2: cần một đối tượng có danh sách «dataValues».",
    "a data value must be an object.": "mỗi giá trị dữ liệu phải là một đối tượng.",
    "unknown field %(fields)s.": "trường không xác định %(fields)s.",
    "the appendix needs --org-unit, --period and -o FILE.xlsx.": "phụ lục cần --org-unit, --period và -o TỆP.xlsx.",
    # web-entry
    "version": "phiên bản",
    "created by": "người tạo",
    "Word file": "tệp Word",
    "PDF file": "tệp PDF",
    "why there is no PDF": "lý do không có PDF",
    "warnings": "cảnh báo",
    "report version": "phiên bản báo cáo",
    "report versions": "các phiên bản báo cáo",
    "«%(text)s» is ambiguous: this indicator has decimals. Choose a reading, or type %(example)s or %(decimal)s.":
        "«%(text)s» chưa rõ: chỉ tiêu này có số lẻ. Hãy chọn một cách đọc, hoặc gõ %(example)s hay %(decimal)s.",
    "%(value)s (thousands)": "%(value)s (hàng nghìn)",
    "%(value)s (decimal)": "%(value)s (số thập phân)",
    "%(value)s %(unit)s is outside the plausible range %(low)s – %(high)s for this indicator. Check it; if it is right, save it again and confirm.":
        "%(value)s %(unit)s nằm ngoài khoảng hợp lý %(low)s – %(high)s của chỉ tiêu này. Hãy kiểm tra lại; nếu đúng, bấm xác nhận để lưu.",
    "Unknown kind of figure «%(kind)s».": "Không rõ loại số liệu «%(kind)s».",
    "There is no sector with code «%(code)s».": "Không có lĩnh vực mã «%(code)s».",
    "The cell's address is incomplete.": "Thiếu thông tin ô nhập (đơn vị, chỉ tiêu, kỳ, loại số liệu).",
    "This indicator is computed from others; enter its parts instead.":
        "Chỉ tiêu này được tính từ các chỉ tiêu khác; hãy nhập các thành phần của nó.",
    "entered %(value)s": "nhập %(value)s",
    "comment «%(text)s»": "ghi chú «%(text)s»",
    "deleted %(value)s": "xóa %(value)s",
    "changed %(old)s → %(new)s": "sửa %(old)s → %(new)s",
    "comment «%(old)s» → «%(new)s»": "ghi chú «%(old)s» → «%(new)s»",
    "changed other details": "sửa thông tin khác",
    "Target source": "Nguồn chỉ tiêu",
    "Target form": "Dạng chỉ tiêu",
    "Upper bound": "Cận trên",
    "There is no indicator with code «%(code)s».": "Không có chỉ tiêu mã «%(code)s».",
    "Annual": "Cả năm",
    "6 months": "6 tháng",
    "9 months": "9 tháng",
    "«%(text)s» is not a year.": "«%(text)s» không phải là năm.",
    "No PDF: LibreOffice is not installed on the server (Debian/Ubuntu: apt-get install libreoffice-writer-nogui). Download the .docx and print it to PDF from Word.":
        "Không có PDF: máy chủ chưa cài LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui). Hãy tải tệp .docx và in ra PDF từ Word.",
    "Narratives saved (%(count)d sections changed).": "Đã lưu phần nhận định (%(count)d mục thay đổi).",
    "Version %(number)d of the report is ready to download.": "Phiên bản %(number)d của báo cáo đã sẵn sàng để tải về.",
    "No such report version, or you may not see it.": "Không có phiên bản báo cáo này, hoặc bạn không có quyền xem.",
    "This version has no PDF.": "Phiên bản này không có tệp PDF.",
    "Choose who set the target.": "Chọn nơi giao chỉ tiêu.",
    "Choose the target's form.": "Chọn dạng chỉ tiêu.",
    "Final": "Thực hiện",
    "Comment, findings and history": "Ghi chú, kết quả kiểm tra và lịch sử",
    "saved": "đã lưu",
    "It is right: save it": "Số đúng: vẫn lưu",
    "Not saved: %(who)s changed this figure at %(when)s to %(value)s after you opened it.":
        "Chưa lưu: %(who)s đã sửa số này lúc %(when)s thành %(value)s sau khi bạn mở trang.",
    "Your entry «%(mine)s» is kept here, unsaved.": "Số bạn nhập «%(mine)s» vẫn giữ ở đây, chưa lưu.",
    "Keep theirs (%(value)s)": "Dùng số của họ (%(value)s)",
    "Replace with mine": "Ghi đè bằng số của tôi",
    "Comment on this figure": "Ghi chú cho số liệu này",
    "Enter the figure first, then its comment.": "Nhập số liệu trước, rồi ghi chú.",
    "Save comment": "Lưu ghi chú",
    "Not saved: %(who)s changed this figure at %(when)s; the panel now shows their version.":
        "Chưa lưu: %(who)s đã sửa số này lúc %(when)s; khung này đang hiện bản của họ.",
    "Findings": "Kết quả kiểm tra",
    "No open findings.": "Không có lỗi cần xử lý.",
    "History": "Lịch sử",
    "No changes recorded.": "Chưa có thay đổi nào.",
    "No open findings": "Không có lỗi cần xử lý",
    "Data entry": "Nhập liệu",
    "Plan targets": "Chỉ tiêu kế hoạch",
    "You have no unit to enter figures for. Ask an administrator for the data-entry role (nhập liệu) on your unit.":
        "Bạn chưa được giao đơn vị nào để nhập số liệu. Hãy đề nghị quản trị cấp quyền nhập liệu cho đơn vị của bạn.",
    "Sector": "Lĩnh vực",
    "Type numbers the Vietnamese way: 1.234,5 (dot between thousands, comma before decimals). Enter or ↓ moves down, Tab or → moves right; paste a block copied from Excel into a cell. Each cell is saved when you leave it.":
        "Gõ số theo kiểu Việt Nam: 1.234,5 (dấu chấm phân cách hàng nghìn, dấu phẩy trước phần thập phân). Enter hoặc ↓ xuống dòng, Tab hoặc → sang phải; có thể dán cả khối sao chép từ Excel vào một ô. Mỗi ô được lưu khi bạn rời ô.",
    "No.": "TT",
    "Checks": "Kiểm tra",
    "computed": "tự tính",
    "This sector has no indicators.": "Lĩnh vực này chưa có chỉ tiêu.",
    "Choose «…» beside a cell to see its comment and history.":
        "Bấm «…» cạnh một ô để xem ghi chú, kết quả kiểm tra và lịch sử của ô đó.",
    "Kind of report": "Loại báo cáo",
    "Year": "Năm",
    "Report of %(unit)s — %(period)s": "Báo cáo của %(unit)s — %(period)s",
    "Before generating: what is missing": "Trước khi lập: còn thiếu gì",
    "Nothing is missing: every targeted indicator has a result and there are no open findings.":
        "Không thiếu gì: mọi chỉ tiêu được giao đều có kết quả và không còn lỗi cần xử lý.",
    "%(counter)s indicator has a target but no result:": "%(counter)s chỉ tiêu có kế hoạch nhưng chưa có kết quả:",
    "%(counter)s indicator was reported for %(before)s but not for this period:":
        "%(counter)s chỉ tiêu có số liệu %(before)s nhưng chưa có ở kỳ này:",
    "Show the list": "Xem danh sách",
    "%(counter)s open finding of the validation rules:": "%(counter)s lỗi kiểm tra số liệu chưa xử lý:",
    "Open data entry for this period": "Mở nhập liệu kỳ này",
    "Narratives by section": "Phần nhận định theo từng mục",
    "The text no figure can write: what happened, causes, tasks. Leave a blank line between paragraphs.":
        "Phần lời mà số liệu không tự viết được: tình hình, nguyên nhân, nhiệm vụ. Để một dòng trống giữa các đoạn.",
    "Save narratives": "Lưu phần nhận định",
    "Save and generate the report": "Lưu và lập báo cáo",
    "Generated versions": "Các bản đã lập",
    "When, who": "Thời gian, người lập",
    "Files": "Tệp",
    "(no PDF)": "(không có PDF)",
    "No version generated yet.": "Chưa lập bản nào.",
    "Plan year": "Năm kế hoạch",
    "Plan targets %(year)s — %(unit)s": "Chỉ tiêu kế hoạch năm %(year)s — %(unit)s",
    "The plan for %(year)s has no targets yet: the list below is last year's (%(last)s) set of indicators with their sources and forms. Type the new targets and save; rows left empty are not saved.":
        "Kế hoạch năm %(year)s chưa có chỉ tiêu: danh sách dưới đây lấy bộ chỉ tiêu năm %(last)s cùng nguồn giao và dạng chỉ tiêu. Nhập chỉ tiêu mới rồi lưu; dòng để trống sẽ không được lưu.",
    "%(counter)s target saved.": "Đã lưu %(counter)s chỉ tiêu.",
    "%(counter)s row was not saved: see the message in the row.": "%(counter)s dòng chưa lưu: xem thông báo ở từng dòng.",
    "Result %(last)s": "Thực hiện %(last)s",
    "Target %(last)s": "Kế hoạch %(last)s",
    "Target %(year)s": "Kế hoạch %(year)s",
    "Plan (target)": "Kế hoạch",
    "Upper bound (range)": "Cận trên (khoảng)",
    "No targets yet, and none last year: add indicators below.":
        "Chưa có chỉ tiêu, năm trước cũng không có: hãy thêm chỉ tiêu ở dưới.",
    "Save the plan": "Lưu kế hoạch",
    "Add an indicator to the plan": "Thêm chỉ tiêu vào kế hoạch",
    "Add": "Thêm",
    "Show the others": "Xem các lỗi còn lại",
    "A .docx and a .pdf are made; earlier versions stay below.":
        "Lập tệp .docx và .pdf; các bản trước vẫn được giữ ở dưới.",
    "A .docx is made (no PDF: LibreOffice is not installed on the server); earlier versions stay below.":
        "Lập tệp .docx (không có PDF vì máy chủ chưa cài LibreOffice); các bản trước vẫn được giữ ở dưới.",
    "Sum of the parts; type the total if the report states one":
        "Tổng các phần; nhập số tổng nếu báo cáo có ghi",
    # web-dash
    "Cannot listen on %(host)s: no such address on this machine. Use --host 127.0.0.1 or --host 0.0.0.0.":
        "Không mở được cổng trên %(host)s: máy này không có địa chỉ đó. Dùng --host 127.0.0.1 hoặc --host 0.0.0.0.",
    "Port %(port)s is already in use on %(host)s (perhaps ktxh is already running). Stop the other program or "
    "choose another port, e.g. --port %(other)s.":
        "Cổng %(port)s trên %(host)s đang có chương trình khác dùng (có thể ktxh đang chạy rồi). Hãy tắt chương "
        "trình đó hoặc chọn cổng khác, ví dụ --port %(other)s.",
    "Not allowed to listen on port %(port)s (ports below 1024 need administrator rights). Choose another port, "
    "e.g. --port 8000.":
        "Không được phép mở cổng %(port)s (cổng dưới 1024 cần quyền quản trị máy). Hãy chọn cổng khác, ví dụ "
        "--port 8000.",
    "Cannot listen on %(host)s:%(port)s: %(error)s.": "Không mở được cổng %(host)s:%(port)s: %(error)s.",
    "Communes and wards": "Xã, phường, thị trấn",
    "Administrative units": "Đơn vị hành chính",
    "Bad request": "Yêu cầu không hợp lệ",
    "The request could not be understood. Go back and try again.":
        "Không hiểu được yêu cầu này. Hãy quay lại và thử lại.",
    "Not allowed": "Không được phép",
    "You may not do this. If you think you should, ask the administrator of your unit.":
        "Bạn không có quyền làm việc này. Nếu cần, hãy liên hệ người quản trị của đơn vị.",
    "Page not found": "Không tìm thấy trang",
    "There is no such page, or you may not see it. Check the address, or go back to the dashboard.":
        "Không tìm thấy trang này, hoặc bạn không có quyền xem. Hãy kiểm tra lại địa chỉ hoặc quay về trang tổng hợp.",
    "Server error": "Lỗi máy chủ",
    "Something went wrong on the server. Nothing you entered is lost; try again in a moment, and tell the "
    "administrator if it happens again.":
        "Máy chủ gặp lỗi. Số liệu đã nhập không bị mất; hãy thử lại sau ít phút và báo người quản trị nếu lỗi "
        "còn lặp lại.",
    "Back to the dashboard": "Về trang tổng hợp",
    "Units below": "Đơn vị trực thuộc",
    "No figures to compare for this period.": "Chưa có số liệu để so sánh trong kỳ này.",
    "rank": "xếp hạng",
    "The units below have no figures to compare for this period.":
        "Các đơn vị trực thuộc chưa có số liệu để so sánh trong kỳ này.",
    "Dashboard": "Tổng hợp",
    "Units": "Đơn vị",
    "Indicators": "Chỉ tiêu",
    "Administration": "Quản trị",
    "%(count)s indicators, by sector.": "%(count)s chỉ tiêu, theo lĩnh vực.",
    "Find an indicator": "Tìm chỉ tiêu",
    "Open all": "Mở tất cả",
    "Close all": "Thu gọn tất cả",
    "Type": "Loại",
    "Aggregation": "Cách tổng hợp",
    "Direction": "Chiều đánh giá",
    "Formula": "Công thức",
    "Official code": "Mã chỉ tiêu thống kê",
    "No indicator matches.": "Không có chỉ tiêu nào khớp.",
    "Units above": "Đơn vị cấp trên",
    "About this unit": "Thông tin đơn vị",
    "Figures due for this period that have been entered": "Số chỉ tiêu cần báo cáo trong kỳ đã có số liệu",
    "Completeness": "Đủ số liệu",
    "%(done)s of %(expected)s figures due (%(estimates)s estimates only)":
        "%(done)s/%(expected)s chỉ tiêu cần báo cáo (%(estimates)s chỉ có số ước)",
    "%(counter)s missing": "còn thiếu %(counter)s",
    "Show only": "Chỉ hiện",
    "All": "Tất cả",
    "Charts: results against targets, trends over the years": "Biểu đồ: kết quả so với chỉ tiêu, diễn biến qua các năm",
    "Loading the comparison…": "Đang tải bảng so sánh…",
    "Open the comparison": "Mở bảng so sánh",
    "e.g. hộ nghèo, lúa": "ví dụ: hộ nghèo, lúa",
    "%(counter)s indicator": "%(counter)s chỉ tiêu",
    "Result": "Thực hiện",
    "Target (source)": "Chỉ tiêu (nguồn)",
    "Percent of target": "% kế hoạch",
    "Assessment": "Đánh giá",
    "Change on last year": "Tăng, giảm",
    "Rank": "Xếp hạng",
    "%(counter)s part": "%(counter)s thành phần",
    "estimate": "số ước",
    "Open its dashboard": "Xem số liệu tổng hợp",
    "Code": "Mã",
    "Valid": "Hiệu lực",
    "from %(start)s": "từ %(start)s",
    "from a date not recorded": "từ ngày chưa ghi nhận",
    "until now": "đến nay",
    "Under": "Trực thuộc",
    "Date": "Ngày",
    "Change": "Thay đổi",
    "Share": "Tỷ lệ chuyển",
    "formed from": "hình thành từ",
    "became part of": "nhập vào",
    "No merger, split or renaming is recorded for this unit.":
        "Chưa ghi nhận việc sáp nhập, chia tách hay đổi tên nào của đơn vị này.",
    "The units you may see, with the dates they were valid. Units that were merged keep their figures; the unit "
    "page shows what they became.":
        "Các đơn vị bạn được xem, với thời gian hiệu lực. Đơn vị đã sáp nhập vẫn giữ số liệu; trang của đơn vị cho "
        "biết đơn vị đó đã nhập vào đâu.",
    "now": "nay",
    "No such chart.": "Không có biểu đồ này.",
    "Notes written when the figures were entered; readers do not see them.":
        "Ghi chú viết khi nhập số liệu; người chỉ xem không thấy ghi chú này.",
    "Entry note": "Ghi chú nhập liệu",
    "Official unit code": "Mã đơn vị hành chính",
    "Comment": "Ghi chú",
    "Figures": "Số liệu",
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
