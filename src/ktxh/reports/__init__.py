"""Word (.docx) report generation helpers."""
