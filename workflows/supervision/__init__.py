"""Case supervision (案件督办) and what a supervisor watches: the supervised cases and their
lifecycle, 挂牌督办 and 重点关注, escalation of overdue items; coordination that may not
decide a case; deadlines and alerts; clearing the names of officials falsely accused.

- ``cases``: 立项 → 交办 → … → 办结/通报, listing, key attention, escalation;
- ``coordination``: what a coordination (案件协调) may record, and what it may not;
- ``deadlines``: items warned or overdue, units with many overdue rectifications, and the
  polling feed of the deadline subscription;
- ``clearance``: petitions found false and the officials they cleared (澄清正名).
"""
