"""The index's tables, as an ordered list of migrations.

Each migration moves the database from version N-1 to N and is applied once, inside one transaction, so a
database is always at a whole version. Never edit a migration that has shipped: append a new one.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: patient / study / series / instance hierarchy and the recently opened list.
    """
    CREATE TABLE patient (
        id           INTEGER PRIMARY KEY,
        patient_id   TEXT NOT NULL DEFAULT '',
        patient_name TEXT NOT NULL DEFAULT '',
        birth_date   TEXT NOT NULL DEFAULT '',
        sex          TEXT NOT NULL DEFAULT '',
        UNIQUE (patient_id, patient_name, birth_date)
    );
    CREATE TABLE study (
        id          INTEGER PRIMARY KEY,
        study_uid   TEXT NOT NULL UNIQUE,
        patient_ref INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
        study_date  TEXT NOT NULL DEFAULT '',
        study_time  TEXT NOT NULL DEFAULT '',
        accession   TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX study_by_patient ON study(patient_ref);
    CREATE INDEX study_by_date ON study(study_date);
    CREATE INDEX study_by_accession ON study(accession);
    CREATE TABLE series (
        id            INTEGER PRIMARY KEY,
        series_uid    TEXT NOT NULL UNIQUE,
        study_ref     INTEGER NOT NULL REFERENCES study(id) ON DELETE CASCADE,
        modality      TEXT NOT NULL DEFAULT '',
        series_number INTEGER,
        description   TEXT NOT NULL DEFAULT '',
        body_part     TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX series_by_study ON series(study_ref);
    CREATE TABLE instance (
        id               INTEGER PRIMARY KEY,
        sop_instance_uid TEXT NOT NULL UNIQUE,
        series_ref       INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
        sop_class_uid    TEXT NOT NULL DEFAULT '',
        instance_number  INTEGER,
        path             TEXT NOT NULL,
        file_size        INTEGER NOT NULL,
        mtime            REAL NOT NULL,
        content_hash     TEXT,
        rows             INTEGER,
        cols             INTEGER,
        photometric      TEXT NOT NULL DEFAULT '',
        source           TEXT NOT NULL CHECK (source IN ('dicom', 'image')),
        thumbnail        BLOB,
        imported_at      REAL NOT NULL
    );
    CREATE INDEX instance_by_series ON instance(series_ref);
    CREATE INDEX instance_by_path ON instance(path);
    CREATE TABLE recent (
        study_ref INTEGER PRIMARY KEY REFERENCES study(id) ON DELETE CASCADE,
        opened_at REAL NOT NULL
    );
    CREATE INDEX recent_by_time ON recent(opened_at);
    """,
    # 2: dates stored in the ACR-NEMA form YYYY.MM.DD (kept verbatim by version 1) become YYYYMMDD, so date
    # ranges and the study list see them. OR IGNORE: a patient row that would collide with one already holding
    # the normalised birth date keeps its old text rather than failing the migration (birth dates are not shown).
    """
    UPDATE study SET study_date = substr(study_date, 1, 4) || substr(study_date, 6, 2) || substr(study_date, 9, 2)
        WHERE study_date GLOB '[0-9][0-9][0-9][0-9].[0-9][0-9].[0-9][0-9]';
    UPDATE OR IGNORE patient
        SET birth_date = substr(birth_date, 1, 4) || substr(birth_date, 6, 2) || substr(birth_date, 9, 2)
        WHERE birth_date GLOB '[0-9][0-9][0-9][0-9].[0-9][0-9].[0-9][0-9]';
    """,
    # 3: thumbnails are made again: those of MONOCHROME2 films with Presentation LUT Shape INVERSE were drawn as
    # negatives before that shape was honoured, and the index does not store the shape to pick them out.
    """
    UPDATE instance SET thumbnail = NULL;
    """,
    # 4: study times stored in the ACR-NEMA form HH:MM:SS.frac (or HH:MM, HH:MM:SS; kept verbatim until now) lose
    # their colons, as core.dicom_dates.normalize_tm does at import, so times of old and current files sort together.
    """
    UPDATE study SET study_time = replace(study_time, ':', '')
        WHERE study_time GLOB '[0-9][0-9]:[0-9][0-9]'
           OR study_time GLOB '[0-9][0-9]:[0-9][0-9]:[0-9][0-9]'
           OR (study_time GLOB '[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9]*' AND length(study_time) <= 15
               AND substr(study_time, 10) NOT GLOB '*[^0-9]*');
    """,
    # 5: thumbnails of DICOM files are made again with the display shutter applied, as the viewer shows the film;
    # the index does not store the shutter to pick out the films that have one. Plain images have no shutter.
    """
    UPDATE instance SET thumbnail = NULL WHERE source = 'dicom';
    """,
    # 6: read status (``read_status``): a row per study the radiologist has read. A table of its own, like ``recent``,
    # so an import's upsert of the study row never touches it. Studies opened before the upgrade (``recent``) were
    # looked at, so they start read rather than bold among the new arrivals. A Recent row whose study is gone (written
    # with foreign keys off) is left behind: it would fail the foreign key and stop the upgrade.
    """
    CREATE TABLE study_read (
        study_ref INTEGER PRIMARY KEY REFERENCES study(id) ON DELETE CASCADE,
        read_at   REAL NOT NULL
    );
    INSERT INTO study_read (study_ref, read_at)
        SELECT study_ref, opened_at FROM recent WHERE study_ref IN (SELECT id FROM study);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
