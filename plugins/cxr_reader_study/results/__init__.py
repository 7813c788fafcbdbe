"""From stored reads to analysable data: the long-format export, the statistics data set and the report."""
