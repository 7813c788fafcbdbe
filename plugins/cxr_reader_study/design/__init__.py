"""Study design: the study file and case list, their validation, and the per-reader reading plan."""
