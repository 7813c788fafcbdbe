"""CXR workstation: a chest-radiograph DICOM viewer that hosts AI and reader-study plugins.

Research use only; not a medical device.
"""

__version__ = "0.1.0"
