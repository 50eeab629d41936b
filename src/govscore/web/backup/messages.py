"""The messages of `govscore backup` and `govscore restore`, Vietnamese first, English second.

Kept free of Django so that the command line can build its help without starting the web application.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # Help.
    "help_backup": (
        "sao lưu CSDL và các tệp tải lên vào một thư mục mới (chạy được khi máy chủ đang chạy)",
        "back up the database and the uploaded files into a new folder (safe while the server runs)",
    ),
    "about_backup": (
        "Ghi bản sao lưu đầy đủ, nhất quán của CSDL trong DATABASE_URL (SQLite hoặc PostgreSQL) và thư mục tải "
        "lên vào thư mục DIR mới, kèm manifest.json ghi mã SHA-256 của từng tệp. Chạy được khi máy chủ đang "
        "chạy. Không ghi đè thư mục đã có nội dung.",
        "Writes a complete, consistent backup of the database in DATABASE_URL (SQLite or PostgreSQL) and of the "
        "uploads folder into the new folder DIR, with a manifest.json holding every file's SHA-256. Safe while "
        "the server runs. Never overwrites a folder that has content.",
    ),
    "help_backup_dir": ("thư mục sao lưu (mới, hoặc đang trống)", "the backup folder (new, or empty)"),
    "help_restore": (
        "khôi phục một bản sao lưu vào CSDL trong DATABASE_URL và thư mục dữ liệu (dừng máy chủ trước)",
        "restore a backup into the database in DATABASE_URL and the data folder (stop the server first)",
    ),
    "about_restore": (
        "Kiểm tra bản sao lưu DIR (mã SHA-256 của từng tệp, loại CSDL, migration) rồi khôi phục CSDL và các tệp "
        "tải lên y nguyên như lúc sao lưu. Phải DỪNG máy chủ govscore trước khi khôi phục (với SQLite, tệp CSDL "
        "được thay thế). CSDL hoặc thư mục tải lên đã có dữ liệu thì chỉ thay thế khi có --force, và dữ liệu "
        "hiện có được sao lưu trước vào thư mục dữ liệu (before-restore-…).",
        "Checks the backup DIR (every file's SHA-256, the database vendor, the migrations), then restores the "
        "database and the uploaded files exactly as they were backed up. STOP the govscore server before "
        "restoring (with SQLite the database file is replaced). A database or uploads folder that already holds "
        "data is only replaced with --force, and that data is first backed up into the data folder "
        "(before-restore-…).",
    ),
    "help_restore_dir": ("thư mục sao lưu", "the backup folder"),
    "help_force": (
        "thay thế cả khi CSDL hoặc thư mục tải lên đã có dữ liệu (dữ liệu đó được sao lưu trước)",
        "replace even a database or uploads folder that holds data (that data is backed up first)",
    ),
    "help_check": (
        "chỉ kiểm tra bản sao lưu (tệp, mã SHA-256, migration), không khôi phục gì",
        "only check the backup (files, SHA-256, migrations); restore nothing",
    ),
    # Backup.
    "target_not_dir": ("'{path}' đã có và không phải thư mục.", "'{path}' exists and is not a folder."),
    "target_not_empty": (
        "Thư mục '{path}' đã có và không trống: bản sao lưu không bao giờ ghi đè. Hãy chọn thư mục mới.",
        "Folder '{path}' exists and is not empty: a backup never overwrites. Choose a new folder.",
    ),
    "target_taken": (
        "Không đặt được bản sao lưu vào '{path}': {detail} (thư mục vừa được tạo hoặc ghi vào bởi việc khác?).",
        "Cannot put the backup at '{path}': {detail} (was the folder created or written meanwhile?).",
    ),
    "target_in_uploads": (
        "Không đặt bản sao lưu '{path}' trong thư mục tải lên '{media}' (bản sao lưu sẽ tự chép chính nó).",
        "The backup '{path}' cannot go inside the uploads folder '{media}' (it would copy itself).",
    ),
    "cannot_write": ("Không ghi được '{path}': {detail}.", "Cannot write '{path}': {detail}."),
    "cannot_read": ("Không đọc được '{path}': {detail}.", "Cannot read '{path}': {detail}."),
    "sqlite_missing": (
        "Không có tệp CSDL SQLite '{path}' (xem DATABASE_URL và GOVSCORE_DATA_DIR).",
        "There is no SQLite database file '{path}' (see DATABASE_URL and GOVSCORE_DATA_DIR).",
    ),
    "sqlite_memory": (
        "DATABASE_URL trỏ tới CSDL SQLite trong bộ nhớ: không có gì để sao lưu hay khôi phục.",
        "DATABASE_URL names an in-memory SQLite database: there is nothing to back up or restore.",
    ),
    "sqlite_broken": (
        "CSDL SQLite '{path}' bị hỏng: {detail}.",
        "The SQLite database '{path}' is damaged: {detail}.",
    ),
    "database": (
        "Không dùng được cơ sở dữ liệu ({detail}). Kiểm tra DATABASE_URL.",
        "The database cannot be used ({detail}). Check DATABASE_URL.",
    ),
    "settings": ("Cấu hình sai: {detail}.", "Bad setting: {detail}."),
    "not_set_up": (
        "CSDL {database} chưa có bảng của govscore (không có django_migrations): không có gì để sao lưu.",
        "The database {database} has no govscore tables (no django_migrations): there is nothing to back up.",
    ),
    "vendor_unsupported": (
        "Chưa hỗ trợ CSDL loại '{vendor}' (chỉ SQLite và PostgreSQL).",
        "Database vendor '{vendor}' is not supported (SQLite and PostgreSQL only).",
    ),
    "tool_missing": (
        "Không tìm thấy chương trình {tool} (đã tìm trong PATH và /usr/lib/postgresql/*/bin). Hãy cài gói "
        "postgresql-client phiên bản {version} trở lên.",
        "Cannot find {tool} (looked on PATH and in /usr/lib/postgresql/*/bin). Install the postgresql-client "
        "package, version {version} or newer.",
    ),
    "tool_failed": ("{tool} báo lỗi (mã {code}): {detail}", "{tool} failed (exit {code}): {detail}"),
    "backed_up": (
        "Đã sao lưu vào {path}: CSDL {vendor}, {tables} bảng, {rows} dòng; {files} tệp tải lên ({uploads}); "
        "tổng cộng {total}; {seconds} giây.",
        "Backed up into {path}: {vendor} database, {tables} tables, {rows} rows; {files} uploaded files "
        "({uploads}); {total} in all; {seconds} s.",
    ),
    "referenced_missing": (
        "Cảnh báo: CSDL tham chiếu {count} tệp không có trong thư mục tải lên (đã thiếu từ trước khi sao lưu): {paths}",
        "Warning: the database refers to {count} files missing from the uploads folder (already missing before "
        "the backup): {paths}",
    ),
    # Checking a backup.
    "backup_missing": ("Không có thư mục sao lưu '{path}'.", "There is no backup folder '{path}'."),
    "manifest_missing": (
        "'{path}' không có: đây không phải một bản sao lưu govscore hoàn chỉnh.",
        "'{path}' is missing: this is not a complete govscore backup.",
    ),
    "manifest_invalid": ("'{path}' không hợp lệ: {detail}.", "'{path}' is not valid: {detail}."),
    "format_unsupported": (
        "'{path}' là định dạng sao lưu phiên bản {version}; bản govscore này chỉ đọc được đến phiên bản {supported}.",
        "'{path}' is backup format version {version}; this govscore reads versions up to {supported} only.",
    ),
    "file_missing": ("Thiếu tệp '{path}' (manifest có ghi).", "File '{path}' is missing (the manifest lists it)."),
    "file_size": (
        "Tệp '{path}' đã bị thay đổi: dài {actual} byte, manifest ghi {expected} byte.",
        "File '{path}' was altered: {actual} bytes long, the manifest says {expected}.",
    ),
    "file_hash": (
        "Tệp '{path}' đã bị thay đổi: mã SHA-256 không khớp manifest.",
        "File '{path}' was altered: its SHA-256 does not match the manifest.",
    ),
    "file_extra": (
        "Tệp '{path}' không có trong manifest (được thêm vào sau khi sao lưu).",
        "File '{path}' is not in the manifest (added after the backup).",
    ),
    "file_unreadable": ("Không đọc được tệp '{path}': {detail}.", "Cannot read file '{path}': {detail}."),
    "backup_invalid": (
        "Bản sao lưu {path} không dùng được ({count} lỗi); không thay đổi gì:",
        "The backup {path} cannot be used ({count} problems); nothing was changed:",
    ),
    "checked": (
        "Bản sao lưu {path} nguyên vẹn: {files} tệp ({total}); CSDL {vendor}, {tables} bảng, {rows} dòng; "
        "{uploads} tệp tải lên; tạo lúc {created} bởi govscore {version}.",
        "The backup {path} is intact: {files} files ({total}); {vendor} database, {tables} tables, {rows} rows; "
        "{uploads} uploaded files; made at {created} by govscore {version}.",
    ),
    # Restore.
    "source_in_uploads": (
        "Bản sao lưu '{path}' nằm trong thư mục tải lên '{media}', thư mục mà việc khôi phục thay thế: hãy chuyển "
        "nó ra chỗ khác trước.",
        "The backup '{path}' is inside the uploads folder '{media}', which the restore replaces: move it elsewhere "
        "first.",
    ),
    "vendor_mismatch": (
        "Bản sao lưu {path} là CSDL {backup}, còn DATABASE_URL trỏ tới CSDL {target}: không khôi phục chéo loại "
        "CSDL được. Hãy đặt DATABASE_URL tới một CSDL {backup}.",
        "The backup {path} holds a {backup} database but DATABASE_URL names a {target} database: a restore "
        "cannot cross database vendors. Point DATABASE_URL at a {backup} database.",
    ),
    "migrations_newer": (
        "Bản sao lưu {path} do govscore {version} tạo, mới hơn mã nguồn này: có {count} migration mà mã nguồn "
        "không có ({names}). Hãy cài phiên bản govscore đã tạo bản sao lưu (hoặc mới hơn) rồi khôi phục.",
        "The backup {path} was made by govscore {version}, newer than this code: it has {count} migrations this "
        "code lacks ({names}). Install the govscore version that made it (or a newer one), then restore.",
    ),
    "migrations_differ": (
        "CSDL trong bản sao lưu không khớp manifest: {detail}.",
        "The database in the backup does not match its manifest: {detail}.",
    ),
    "has_data": (
        "Nơi khôi phục đã có dữ liệu ({what}); không thay đổi gì. Thêm --force để thay thế: dữ liệu hiện có sẽ "
        "được sao lưu trước vào {data_dir}/before-restore-….",
        "The restore target already holds data ({what}); nothing was changed. Add --force to replace it: the "
        "current data is backed up first into {data_dir}/before-restore-….",
    ),
    "has_data_tables": ("bảng {tables}", "tables {tables}"),
    "has_data_files": ("{count} tệp trong {path}", "{count} files in {path}"),
    "in_use": (
        "CSDL '{path}' đang được dùng ({detail}): hãy dừng máy chủ govscore rồi khôi phục.",
        "The database '{path}' is in use ({detail}): stop the govscore server, then restore.",
    ),
    "safety_backup": (
        "Dữ liệu hiện có đã được sao lưu vào {path} (hoàn tác: govscore restore {path} --force).",
        "The current data was backed up into {path} (to undo: govscore restore {path} --force).",
    ),
    "damaged_kept": (
        "CSDL hiện có không đọc được; các tệp của nó được giữ nguyên trong {path}.",
        "The current database cannot be read; its files were kept as they are in {path}.",
    ),
    "dropped_tables": (
        "Đã xoá {count} bảng mà bản sao lưu không có: {tables}.",
        "Dropped {count} tables the backup does not have: {tables}.",
    ),
    "restored": (
        "Đã khôi phục {path}: CSDL {vendor}, {tables} bảng, {rows} dòng; {files} tệp tải lên ({uploads}); "
        "{seconds} giây.",
        "Restored {path}: {vendor} database, {tables} tables, {rows} rows; {files} uploaded files ({uploads}); "
        "{seconds} s.",
    ),
    "not_recorded": (
        "Lưu ý: chưa ghi được việc này vào nhật ký thay đổi ({detail}); bản thân việc đã xong.",
        "Note: this could not be written to the audit trail ({detail}); the work itself is done.",
    ),
    "pending_migrations": (
        "Mã nguồn có {count} migration mới hơn bản sao lưu; 'govscore serve' sẽ áp dụng khi khởi động.",
        "This code has {count} migrations newer than the backup; 'govscore serve' applies them when it starts.",
    ),
    "restore_mismatch": (
        "Sau khi khôi phục, CSDL không khớp manifest: {detail}. Dữ liệu trước khi khôi phục (nếu có) nằm ở thư "
        "mục before-restore-… trong {data_dir}.",
        "After the restore the database does not match the manifest: {detail}. The data from before the restore "
        "(if any) is in the before-restore-… folder in {data_dir}.",
    ),
    "uploads_failed": (
        "CSDL đã được khôi phục nhưng không thay được thư mục tải lên '{path}': {detail}. Các tệp của bản sao "
        "lưu nằm ở '{staged}'.",
        "The database was restored but the uploads folder '{path}' could not be replaced: {detail}. The backup's "
        "files are in '{staged}'.",
    ),
    "rows_differ": (
        "bảng {table}: {actual} dòng, manifest ghi {expected}",
        "table {table}: {actual} rows, not {expected}",
    ),
    "tables_differ": ("các bảng khác nhau ({tables})", "the tables differ ({tables})"),
    "applied_differ": ("các migration đã áp dụng khác nhau", "the applied migrations differ"),
    "file_error": ("Lỗi với tệp '{path}': {detail}.", "Problem with '{path}': {detail}."),
    "unexpected": ("Lỗi không lường trước: {detail}", "Unexpected error: {detail}"),
}


def say(key: str, lang: str, **args: object) -> str:
    vi, en = TEXT[key]
    return (en if lang == "en" else vi).format(**args)


def size_text(size: int, lang: str) -> str:
    """A byte count for people: 1,5 MB in Vietnamese (decimal comma), 1.5 MB in English."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            text = f"{value:.0f}" if unit == "B" else f"{value:.1f}"
            return f"{text.replace('.', ',') if lang != 'en' else text} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def count_text(count: int, lang: str) -> str:
    """Thousands grouped as people write them: 12.345 in Vietnamese, 12,345 in English."""
    text = f"{count:,}"
    return text if lang == "en" else text.replace(",", ".")
