"""Everything the app writes or prints: the report, the template, the check and terms texts (Qt-free)."""
