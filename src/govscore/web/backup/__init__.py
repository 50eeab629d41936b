"""`govscore backup` and `govscore restore`: the database and the uploaded files as one verified folder.

A backup folder holds the database (`database.sqlite3` or `database.pgdump`), the uploaded files
(`uploads/`) and `manifest.json`, which records the versions, the migration state, every table's row
count and every file's size and SHA-256, so a restore can prove the folder is the one that was written.
`docs/backup.md` is the operator's guide.
"""
