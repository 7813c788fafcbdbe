"""The candidate classifier: a second stage that re-scores stage 1's candidates at twice its resolution.

Two-stage CAD (candidate generation, then false-positive reduction) is how classical JSRT systems reached their
figures: the heat-map detector proposes, a patch classifier decides. Everything here is trained and scored out of
fold, nested inside stage 1's folds, so its figures are comparable with stage 1's.
"""
