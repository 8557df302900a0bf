"""Case review (案件评查, docs/workflows.md §3): campaigns over a scope of cases and their
samples (``campaigns``), single reviews (``reviews``: routine, special, cross, escalated),
reviewers from the pool with every conflict of interest explained (``reviewers``), and
scoring by deduction (``scoring``) on the rubric of the handling agency's kind (``rubrics``)."""
