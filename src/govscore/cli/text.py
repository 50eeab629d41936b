"""The command line's own sentences (the core's are in govscore.scoring.messages)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "description": {
        "vi": "govscore: chấm điểm, xếp loại, xếp hạng mức độ ứng dụng CNTT của các cơ quan.",
        "en": "govscore: scores, grades and ranks how agencies apply IT.",
    },
    "help_lang": {"vi": "ngôn ngữ thông báo (vi hoặc en)", "en": "message language (vi or en)"},
    "help_framework": {"vi": "làm việc với bộ tiêu chí", "en": "work with criteria frameworks"},
    "help_validate": {
        "vi": "kiểm tra một tệp bộ tiêu chí (hoặc tệp đánh giá)",
        "en": "validate a framework file (or an evaluation file)",
    },
    "help_score": {"vi": "chấm điểm, xếp loại, xếp hạng", "en": "score, grade and rank"},
    "help_explain": {"vi": "giải thích điểm của một đơn vị", "en": "explain one unit's points"},
    "help_check": {"vi": "tìm các chỗ không nhất quán", "en": "find inconsistencies"},
    "help_evaluation": {
        "vi": "tệp đánh giá, thư mục chứa evaluation.yaml, hoặc tên ví dụ có sẵn (dongnai-2012)",
        "en": "evaluation file, folder holding evaluation.yaml, or a bundled example name (dongnai-2012)",
    },
    "help_unit": {"vi": "mã hoặc tên đơn vị", "en": "unit code or name"},
    "valid_framework": {
        "vi": "Hợp lệ: {path} — bộ tiêu chí {code} phiên bản {version}, {criteria} tiêu chí.",
        "en": "Valid: {path} — framework {code} version {version}, {criteria} criteria.",
    },
    "valid_evaluation": {
        "vi": "Hợp lệ: {path} — {units} đơn vị, bộ tiêu chí {framework}.",
        "en": "Valid: {path} — {units} units, framework {framework}.",
    },
    "invalid": {
        "vi": "Dữ liệu không hợp lệ ({count} lỗi):",
        "en": "Invalid input ({count} problems):",
    },
    "unit_not_found": {
        "vi": "Không có đơn vị '{unit}'. Các đơn vị: {allowed}.",
        "en": "No unit '{unit}'. Units: {allowed}.",
    },
    "findings": {
        "vi": "Phát hiện {count} điểm không nhất quán:",
        "en": "{count} inconsistencies found:",
    },
    "no_findings": {"vi": "Không phát hiện điểm nào không nhất quán.", "en": "No inconsistencies found."},
    "usage_error": {"vi": "Lỗi cú pháp lệnh: {detail}", "en": "Command error: {detail}"},
    "col_rank": {"vi": "Hạng", "en": "Rank"},
    "col_code": {"vi": "Mã", "en": "Code"},
    "col_unit": {"vi": "Đơn vị", "en": "Unit"},
    "col_group": {"vi": "Khối", "en": "Group"},
    "col_total": {"vi": "Điểm", "en": "Points"},
    "col_max": {"vi": "Tối đa", "en": "Max"},
    "col_percent": {"vi": "Tỷ lệ", "en": "Percent"},
    "col_grade": {"vi": "Xếp loại", "en": "Grade"},
}


def say(key: str, lang: str, **args: object) -> str:
    texts = TEXT[key]
    return texts.get(lang, texts["vi"]).format(**args)
