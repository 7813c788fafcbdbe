"""Exchange formats for reader-study ratings: long CSV, iMRMC input files and RJafroc's JAFROC workbooks."""
