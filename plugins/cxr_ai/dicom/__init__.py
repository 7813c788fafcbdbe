"""DICOM output of AI results with highdicom: a TID 1500 measurement report (SR) and segmentations (SEG)."""
