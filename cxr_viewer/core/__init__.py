"""Qt-free computation: DICOM decoding, the pixel pipeline, geometry. Enforced by the import-linter contract."""
