"""Consistency audit of a narrative KT-XH report (``ktxh audit FILE``).

The report is read into paragraphs and footnotes (:mod:`.text`), its numeric claims are found (:mod:`.claims`),
checked against each other (:mod:`.checks`) and the findings are printed (:mod:`.report`). Nothing here touches the
database. The checks prefer silence to a doubtful alarm: a finding is raised only when the text itself says what the
numbers must satisfy (a fraction next to its percentage, a list introduced by «gồm», a subset after «trong đó», …).
"""

__all__ = ["Finding", "audit_file", "audit_text"]


def __getattr__(name):
    if name in __all__:
        from ktxh.audit import report

        return getattr(report, name)
    raise AttributeError(name)
