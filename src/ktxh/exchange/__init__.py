"""Data exchange formats, one module per format."""
