"""Every sentence the core says, in Vietnamese first and in English.

Arguments are formatted for the language (decimal comma, month lists, percentages) before
they are put into the sentence, so callers pass values, not strings.
"""

from __future__ import annotations

from decimal import Decimal

from govscore.scoring.grading import describe_band
from govscore.scoring.model import Band
from govscore.scoring.values import Months, Percent, Titles, format_value

LANGUAGES = ("vi", "en")

CATALOG: dict[str, tuple[str, str]] = {
    # --- loading and validation ---
    "yaml.syntax": (
        "Lỗi cú pháp YAML: {detail}. Kiểm tra thụt lề và dấu hai chấm ở dòng này.",
        "YAML syntax error: {detail}. Check the indentation and colons on this line.",
    ),
    "file.missing": (
        "Không tìm thấy tệp '{path}'.",
        "File '{path}' not found.",
    ),
    "file.encoding": (
        "Tệp không phải UTF-8: {detail}. Lưu lại tệp với mã UTF-8.",
        "The file is not UTF-8: {detail}. Save it as UTF-8.",
    ),
    "format.version": (
        "Trường 'format' phải là {expected} (đang là {actual}).",
        "Field 'format' must be {expected} (found {actual}).",
    ),
    "kind.wrong": (
        "Tệp này là '{actual}', cần tệp '{expected}'.",
        "This file is a '{actual}', a '{expected}' file is needed.",
    ),
    "field.required": (
        "Thiếu trường bắt buộc '{field}'. Thêm '{field}: ...'.",
        "Required field '{field}' is missing. Add '{field}: ...'.",
    ),
    "field.unknown": (
        "Trường '{field}' không được hỗ trợ ở đây. Các trường hợp lệ: {allowed}.",
        "Field '{field}' is not supported here. Valid fields: {allowed}.",
    ),
    "field.type": (
        "Trường '{field}' phải là {expected} (đang là {actual}).",
        "Field '{field}' must be {expected} (found {actual}).",
    ),
    "field.choice": (
        "Trường '{field}' phải là một trong: {allowed} (đang là '{actual}').",
        "Field '{field}' must be one of: {allowed} (found '{actual}').",
    ),
    "field.range": (
        "Trường '{field}' phải nằm trong khoảng {low} đến {high} (đang là {actual}).",
        "Field '{field}' must be between {low} and {high} (found {actual}).",
    ),
    "field.negative": (
        "Trường '{field}' không được âm (đang là {actual}).",
        "Field '{field}' must not be negative (found {actual}).",
    ),
    "code.duplicate": (
        "Mã '{code}' bị trùng (đã dùng ở dòng {first_line}). Mỗi mã phải là duy nhất.",
        "Code '{code}' is a duplicate (first used on line {first_line}). Codes must be unique.",
    ),
    "rule.unknown": (
        "Loại quy tắc '{type}' không tồn tại. Các loại hợp lệ: {allowed}.",
        "Unknown rule type '{type}'. Valid types: {allowed}.",
    ),
    "rule.param_unknown": (
        "Quy tắc '{type}' không có tham số '{param}'. Tham số hợp lệ: {allowed}.",
        "Rule '{type}' has no parameter '{param}'. Valid parameters: {allowed}.",
    ),
    "rule.leaf_needs_rule": (
        "Tiêu chí lá '{code}' chưa có quy tắc chấm điểm ('rule'). Thêm 'rule: {{type: ...}}'.",
        "Leaf criterion '{code}' has no scoring rule ('rule'). Add 'rule: {{type: ...}}'.",
    ),
    "rule.parent_has_rule": (
        "Tiêu chí '{code}' có tiêu chí con nên không được có 'rule' (điểm là tổng các tiêu chí con).",
        "Criterion '{code}' has children, so it must not have a 'rule' (its points are their sum).",
    ),
    "indicator.unknown": (
        "Chỉ số '{indicator}' chưa được khai báo trong 'indicators'. Khai báo nó hoặc sửa tên.",
        "Indicator '{indicator}' is not declared under 'indicators'. Declare it or fix the name.",
    ),
    "indicator.type": (
        "Chỉ số '{indicator}' có kiểu '{actual}', quy tắc này cần kiểu {expected}.",
        "Indicator '{indicator}' is of type '{actual}'; this rule needs type {expected}.",
    ),
    "max.sum": (
        "Điểm tối đa của '{code}' là {declared} nhưng tổng điểm tối đa các tiêu chí con là {actual}.",
        "Max points of '{code}' are {declared} but its children's max points add up to {actual}.",
    ),
    "max.framework_sum": (
        "Điểm tối đa của bộ tiêu chí là {declared} nhưng tổng các nhóm tiêu chí là {actual}.",
        "The framework's max points are {declared} but its top-level criteria add up to {actual}.",
    ),
    "max.rule_exceeds": (
        "Quy tắc của '{code}' có thể cho {possible} điểm, vượt điểm tối đa {declared}.",
        "The rule of '{code}' can give {possible} points, above its max of {declared}.",
    ),
    "min.rule_exceeds": (
        "Mức điểm thấp nhất ({lowest}) trong quy tắc của '{code}' vượt điểm tối đa {declared}.",
        "The lowest points ({lowest}) set in the rule of '{code}' are above its max of {declared}.",
    ),
    "bands.empty": (
        "Chưa khai báo khung xếp loại ('grading.bands').",
        "No grade bands declared ('grading.bands').",
    ),
    "bands.gap": (
        "Khung xếp loại bị hở: các giá trị {between} không thuộc loại nào. Sửa cận của '{lower}' hoặc '{upper}'.",
        "Grade bands leave a gap: values {between} get no grade. Fix the bounds of '{lower}' or '{upper}'.",
    ),
    "bands.overlap": (
        "Khung xếp loại bị chồng: giá trị {value} thuộc cả '{first}' và '{second}'. Dùng 'below' cho một cận.",
        "Grade bands overlap: value {value} falls in both '{first}' and '{second}'. Use 'below' for one bound.",
    ),
    "bands.bound": (
        "Mỗi cận của khung xếp loại chỉ được khai báo một cách: '{first}' hoặc '{second}'.",
        "Each band bound takes one form only: '{first}' or '{second}'.",
    ),
    "bands.empty_interval": (
        "Khung '{grade}' không chứa giá trị nào (cận dưới lớn hơn cận trên).",
        "Band '{grade}' contains no value (its lower bound is above its upper bound).",
    ),
    "bands.duplicate": (
        "Loại '{grade}' được khai báo hai lần.",
        "Grade '{grade}' is declared twice.",
    ),
    "template.unknown_fact": (
        "Mẫu câu nhắc tới '{fact}' nhưng quy tắc '{type}' chỉ cung cấp: {allowed}.",
        "The template names '{fact}' but rule '{type}' only provides: {allowed}.",
    ),
    "template.syntax": (
        "Mẫu câu sai cú pháp: {detail}.",
        "Template syntax error: {detail}.",
    ),
    "condition.syntax": (
        "Điều kiện '{text}' sai cú pháp. Dạng đúng: 'ten_du_kien >= 80' (nối bằng 'and'/'or').",
        "Condition '{text}' is malformed. Expected e.g. 'fact_name >= 80' (joined by 'and'/'or').",
    ),
    "substitute.unknown_criterion": (
        "Tiêu chí thay thế '{code}' thay cho '{replaces}', nhưng không có tiêu chí '{replaces}'.",
        "Substitute '{code}' replaces '{replaces}', but there is no criterion '{replaces}'.",
    ),
    "substitute.unknown_unit": (
        "Tiêu chí thay thế '{code}' nêu đơn vị '{unit}' không có trong kỳ đánh giá.",
        "Substitute '{code}' names unit '{unit}', which is not in the evaluation.",
    ),
    "substitute.cycle": (
        "Tiêu chí thay thế tạo thành vòng lặp: {chain}.",
        "Substitute criteria form a cycle: {chain}.",
    ),
    "substitute.max": (
        "Tiêu chí thay thế '{code}' có điểm tối đa {actual}, khác tiêu chí được thay '{replaces}' ({expected}).",
        "Substitute '{code}' has max {actual}, unlike the criterion it replaces '{replaces}' ({expected}).",
    ),
    "group.unknown": (
        "Khối '{group}' chưa được khai báo trong 'groups' của bộ tiêu chí.",
        "Group '{group}' is not declared under the framework's 'groups'.",
    ),
    "unit.duplicate": (
        "Đơn vị '{code}' xuất hiện hai lần.",
        "Unit '{code}' appears twice.",
    ),
    "fact.unknown": (
        "Số liệu '{indicator}' không có trong bộ tiêu chí. Các chỉ số: {allowed}.",
        "Fact '{indicator}' is not an indicator of the framework. Indicators: {allowed}.",
    ),
    "fact.type": (
        "Số liệu '{indicator}' phải là {expected} (đang là {actual}).",
        "Fact '{indicator}' must be {expected} (found {actual}).",
    ),
    "fact.ratio_over": (
        "Số liệu '{indicator}': tử số {numerator} lớn hơn mẫu số {denominator}.",
        "Fact '{indicator}': numerator {numerator} is greater than denominator {denominator}.",
    ),
    "fact.reason_required": (
        "Điểm '{indicator}' phải kèm lý do ('reason').",
        "Score '{indicator}' needs a reason ('reason').",
    ),
    "fact.item_unknown": (
        "Số liệu '{indicator}': mục '{item}' không có trong danh mục ({allowed}).",
        "Fact '{indicator}': item '{item}' is not in the list ({allowed}).",
    ),
    "fact.month": (
        "Số liệu '{indicator}': tháng {month} không hợp lệ (1–12).",
        "Fact '{indicator}': month {month} is not valid (1–12).",
    ),
    "criterion.unknown": (
        "Không có tiêu chí '{code}' trong bộ tiêu chí.",
        "There is no criterion '{code}' in the framework.",
    ),
    "framework.not_found": (
        "Không tìm thấy bộ tiêu chí '{ref}' (đường dẫn tính từ thư mục của tệp đánh giá).",
        "Framework '{ref}' not found (paths are relative to the evaluation file).",
    ),
    "evaluation.not_found": (
        "Không tìm thấy '{ref}': không phải tệp, cũng không phải ví dụ có sẵn ({examples}).",
        "'{ref}' not found: neither a file nor a bundled example ({examples}).",
    ),
    "unit.not_found": (
        "Không có đơn vị '{unit}'. Các đơn vị: {allowed}.",
        "No unit '{unit}'. Units: {allowed}.",
    ),
    # --- explanations of rules ---
    "explain.no_data": ("Chưa có số liệu → 0 điểm", "No data → 0 points"),
    "explain.not_applicable": (
        "Không áp dụng cho đơn vị: {reason}",
        "Not applicable to the unit: {reason}",
    ),
    "explain.not_in_group": (
        "Không áp dụng cho khối {group}",
        "Not applicable to group {group}",
    ),
    "explain.rate": (
        "Tỷ lệ {rate} ({detail}) × {max} điểm = {points} điểm",
        "Rate {rate} ({detail}) × {max} points = {points} points",
    ),
    "explain.rate_target": (
        "Tỷ lệ {rate} so với mục tiêu {target} × {max} điểm = {points} điểm",
        "Rate {rate} against a target of {target} × {max} points = {points} points",
    ),
    "explain.ratio_detail": ("{numerator}/{denominator}", "{numerator}/{denominator}"),
    "explain.ratio_percent": ("theo số liệu công bố", "as published"),
    "explain.zero_denominator": (
        "Mẫu số bằng 0 → {outcome}",
        "Zero denominator → {outcome}",
    ),
    "explain.normalized": (
        "{value} / giá trị cao nhất {best} × {max} điểm = {points} điểm",
        "{value} / best value {best} × {max} points = {points} points",
    ),
    "explain.normalized_zero": (
        "Giá trị cao nhất của khối bằng 0 → 0 điểm",
        "The group's best value is 0 → 0 points",
    ),
    "explain.step": (
        "Giá trị {value} đạt mức ≥ {threshold} → {points} điểm",
        "Value {value} reaches the step ≥ {threshold} → {points} points",
    ),
    "explain.step_none": (
        "Giá trị {value} chưa đạt mức nào → {points} điểm",
        "Value {value} reaches no step → {points} points",
    ),
    "explain.yes_no": ("{answer} → {points} điểm", "{answer} → {points} points"),
    "explain.category": (
        "Mức '{category}' = {fraction} × {max} điểm = {points} điểm",
        "Category '{category}' = {fraction} × {max} points = {points} points",
    ),
    "explain.condition": (
        "{title}: {answer} → {points} điểm",
        "{title}: {answer} → {points} points",
    ),
    "explain.items": (
        "{count} mục × {each} điểm (tối đa {cap}) = {points} điểm",
        "{count} items × {each} points (at most {cap}) = {points} points",
    ),
    "explain.items_missing": ("Còn thiếu: {missing}", "Missing: {missing}"),
    "explain.case": (
        "Trường hợp '{title}': {points} điểm",
        "Case '{title}': {points} points",
    ),
    "explain.best_case": (
        "Lấy trường hợp cao nhất '{title}' → {points} điểm",
        "Best case '{title}' → {points} points",
    ),
    "explain.part": ("{title}: {points} điểm", "{title}: {points} points"),
    "explain.sum": ("Tổng các phần = {points} điểm", "Sum of parts = {points} points"),
    "explain.reports": (
        "{expected} kỳ phải báo cáo: {on_time} đúng hạn, {late} trễ, {missing} không báo cáo",
        "{expected} periods expected: {on_time} on time, {late} late, {missing} missing",
    ),
    "explain.reports_points": (
        "{on_time} × {p_on_time} + {late} × {p_late} + {missing} × {p_missing} = {points} điểm",
        "{on_time} × {p_on_time} + {late} × {p_late} + {missing} × {p_missing} = {points} points",
    ),
    "explain.reports_deductions": (
        "{max} − {late} × {d_late} − {missing} × {d_missing} = {raw}, không thấp hơn {floor} → {points} điểm",
        "{max} − {late} × {d_late} − {missing} × {d_missing} = {raw}, not below {floor} → {points} points",
    ),
    "explain.reports_due": (
        "Hạn nộp: ngày {due_day} tháng sau, giờ {timezone}",
        "Due: day {due_day} of the following month, {timezone} time",
    ),
    "explain.reports_conflict": (
        "{months} vừa ghi trễ vừa ghi không báo cáo; tính là {resolution}",
        "{months} recorded both late and missing; counted as {resolution}",
    ),
    "explain.adjustment": ("{sign}{points} điểm: {reason}", "{sign}{points} points: {reason}"),
    "explain.adjustments_total": (
        "Cộng/trừ = {raw}, giới hạn [{low}; {high}] → {points} điểm",
        "Adjustments = {raw}, bounded to [{low}; {high}] → {points} points",
    ),
    "explain.survey": (
        "Kết quả khảo sát {value}/{scale} × {max} điểm = {points} điểm",
        "Survey result {value}/{scale} × {max} points = {points} points",
    ),
    "explain.manual": (
        "Điểm chấm: {points} điểm. Lý do: {reason}",
        "Scored: {points} points. Reason: {reason}",
    ),
    "explain.clamped": (
        "Giới hạn trong [{low}; {high}] → {points} điểm",
        "Bounded to [{low}; {high}] → {points} points",
    ),
    "explain.override": (
        "Hội đồng điều chỉnh từ {before} thành {after} điểm. Lý do: {reason}",
        "Council adjusted from {before} to {after} points. Reason: {reason}",
    ),
    "explain.substitute": (
        "Thay cho tiêu chí {replaces} ({title})",
        "In place of criterion {replaces} ({title})",
    ),
    "explain.children": (
        "Tổng các tiêu chí con = {points} điểm",
        "Sum of sub-criteria = {points} points",
    ),
    "explain.rounded": (
        "Làm tròn {places} chữ số thập phân: {before} → {after}",
        "Rounded to {places} decimal places: {before} → {after}",
    ),
    # --- consistency findings ---
    "check.grade_not_from_bands": (
        "Xếp loại công bố '{published}' với {total} điểm, nhưng khung xếp loại cho '{expected}' ({band}).",
        "Published grade '{published}' with {total} points, but the bands give '{expected}' ({band}).",
    ),
    "check.total_mismatch": (
        "Tổng điểm công bố {published} khác tổng điểm tính từ số liệu {computed}.",
        "Published total {published} differs from the total computed from the data, {computed}.",
    ),
    "check.total_not_sum": (
        "Tổng điểm công bố {published} khác tổng điểm các tiêu chí công bố {parts}.",
        "Published total {published} is not the sum of the published criterion points, {parts}.",
    ),
    "check.total_above_max": (
        "Tổng điểm {total} vượt điểm tối đa {max} của đơn vị.",
        "Total {total} exceeds the unit's maximum of {max}.",
    ),
    "check.points_out_of_range": (
        "Tiêu chí {code}: điểm công bố {points} nằm ngoài khoảng [{low}; {high}].",
        "Criterion {code}: published points {points} are outside [{low}; {high}].",
    ),
    "check.late_and_missing": (
        "Tiêu chí {code}: {months} vừa ghi báo cáo trễ vừa ghi không báo cáo.",
        "Criterion {code}: {months} recorded both as late and as missing.",
    ),
    "check.month_outside_period": (
        "Tiêu chí {code}: {months} nằm ngoài các kỳ phải báo cáo ({expected}).",
        "Criterion {code}: {months} lie outside the expected periods ({expected}).",
    ),
    "check.received_early": (
        "Tiêu chí {code}: báo cáo tháng {month} được ghi nhận lúc {received}, trước khi hết tháng.",
        "Criterion {code}: the report for month {month} was received at {received}, before the month ended.",
    ),
    "check.rate_above_100": (
        "Chỉ số '{indicator}': tỷ lệ {rate} vượt 100%.",
        "Indicator '{indicator}': rate {rate} is above 100%.",
    ),
    "check.numerator_above_denominator": (
        "Chỉ số '{indicator}': tử số {numerator} lớn hơn mẫu số {denominator}.",
        "Indicator '{indicator}': numerator {numerator} is greater than denominator {denominator}.",
    ),
    "check.no_data": (
        "Tiêu chí {code} chưa có số liệu: được tính 0 điểm.",
        "Criterion {code} has no data: it scores 0 points.",
    ),
    "check.rank_mismatch": (
        "Thứ hạng công bố {published} khác thứ hạng theo tổng điểm {expected}.",
        "Published rank {published} differs from the rank by total, {expected}.",
    ),
    "check.order_not_by_total": (
        "Thứ tự công bố {position} đứng trước đơn vị có tổng điểm cao hơn ({other}: {other_total} > {total}).",
        "Published position {position} comes before a unit with a higher total ({other}: {other_total} > {total}).",
    ),
    "check.same_total_different_grade": (
        "Cùng {total} điểm với {other} nhưng xếp loại khác ('{grade}' và '{other_grade}').",
        "Same total of {total} as {other} but a different grade ('{grade}' vs '{other_grade}').",
    ),
    "check.duplicate_name": (
        "Tên đơn vị '{name}' trùng với đơn vị {other}.",
        "Unit name '{name}' is the same as unit {other}'s.",
    ),
    "check.text_column": (
        "Câu \"{sentence}\" (tiêu chí {code}) nằm ở cột '{published}', nhưng theo số liệu phải ở cột '{expected}'.",
        "Sentence \"{sentence}\" (criterion {code}) is in column '{published}', but the data put it in '{expected}'.",
    ),
    "check.text_both_columns": (
        'Tiêu chí {code} được nêu ở cả hai cột: "{good}" và "{not_good}".',
        'Criterion {code} appears in both columns: "{good}" and "{not_good}".',
    ),
    "check.text_rate": (
        'Câu "{sentence}" ghi {text_value}, số liệu là {data_value}.',
        'Sentence "{sentence}" says {text_value}; the data say {data_value}.',
    ),
    "check.text_months": (
        'Câu "{sentence}" ghi {status} {text_months}, số liệu là {data_months}.',
        'Sentence "{sentence}" lists {status} {text_months}; the data say {data_months}.',
    ),
    "check.text_count": (
        'Câu "{sentence}" ghi {text_value} mục, số liệu là {data_value}.',
        'Sentence "{sentence}" says {text_value} items; the data say {data_value}.',
    ),
    "column.good": ("Nội dung thực hiện tốt", "did well"),
    "column.not_good": ("Nội dung thực hiện chưa tốt", "did not do well"),
    "none": ("(không có)", "(none)"),
    # --- answers ---
    "answer.yes": ("Có", "Yes"),
    "answer.no": ("Không", "No"),
    "outcome.zero": ("0 điểm", "0 points"),
    "outcome.full": ("đủ điểm", "full points"),
    "outcome.not_applicable": ("không áp dụng", "not applicable"),
    "status.late": ("báo cáo trễ", "late"),
    "status.missing": ("không báo cáo", "missing"),
}


# A tuple, not a union: isinstance with a tuple is several times faster, and this runs for every argument.
_VALUE_TYPES = (Decimal, int, bool, str, Percent, Months, Titles)


def _format(value: object, lang: str) -> str:
    if type(value) is str:  # most arguments are already text
        return value
    if isinstance(value, _VALUE_TYPES):
        return format_value(value, lang)
    if isinstance(value, Band):
        return describe_band(value, lang)
    return str(value)


def render(key: str, lang: str = "vi", **args: object) -> str:
    """The sentence for `key` in `lang`, arguments formatted for that language."""
    vi, en = CATALOG[key]
    template = en if lang == "en" else vi
    return template.format(**{name: _format(value, lang) for name, value in args.items()})
