"""Petitions about cases and the special supervision of typical cases: petitions with their
time limits and repeats, sentence-change verification, interventions in justice (三个规定),
the three synchronisations of a supervised case, and the yearly private-enterprise batch.

- ``petitions``: 涉法涉诉信访, its lifecycle and time limits, repeat petitions;
- ``sentences``: red flags among commutation, parole and temporary-execution files;
- ``interventions``: records, quarterly reports, repeated interveners, silent units;
- ``workstreams``: 三同步 of a supervised case;
- ``enterprise``: 涉民营企业案件专项督办.
"""
