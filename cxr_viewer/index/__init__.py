"""Local study index (SQLite), Qt-free.

Entry points: ``db.StudyIndex`` (the file and its per-thread connections), ``importer.import_paths``,
``query`` (search, instances_of_study, mark_opened, recent_studies, verify, forget_missing) and
``thumbnails`` (make_thumbnail_png, ensure_thumbnails); ``cli`` is the ``cxr-index`` console script
(``python -m cxr_viewer.index``). See docs/study-index.md.
"""
