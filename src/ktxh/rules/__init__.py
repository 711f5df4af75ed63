"""Validation rules as data, outlier checks and their findings (see docs/rules.md).

Public entry points: :func:`ktxh.rules.engine.findings_for`, :func:`ktxh.rules.engine.validate`,
:func:`ktxh.rules.loader.load_rules`.
"""
