"""Reader-study statistics: figures of merit, jackknife, Obuchowski-Rockette and DBM analyses (no Qt)."""
