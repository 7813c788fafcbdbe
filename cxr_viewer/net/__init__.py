"""DICOM networking (pynetdicom, DICOMweb), Qt-free."""
