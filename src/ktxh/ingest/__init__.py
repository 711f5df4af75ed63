"""Past reports into figures for review (``ktxh ingest FILE``).

The report is read by the audit's reader (:mod:`ktxh.audit.text`, :mod:`ktxh.audit.claims`): each number with its
unit, label, kind and season. :mod:`.statements` turns those numbers into statements (what kind of figure each is,
the words around it); :mod:`.matcher` maps each statement to a catalog indicator by unit compatibility
(``data/catalog/measures.csv``) and the words of the indicator's name, expanding abbreviations with the glossary
(``data/glossary.csv``) and what the statement is about (:mod:`.words`: subjects, qualifiers and synonyms of
``data/ingest/words.csv``); :mod:`.propose` makes the proposals {indicator_code, org_unit_code, period, kind, value,
unit, sentence, confidence, reason}. Nothing is written to the database here: proposals are for a person to review.
"""
