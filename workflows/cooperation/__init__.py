"""Sichuan–Chongqing cooperation (川渝政法协作): the "1+n" agreement network, the indicators,
and the cooperation report, as use cases over ``reports``.

- ``agreements``: the agreements a caller sees, coverage, gaps, the 大事记 timeline, network
  analytics, and cross-region cases that stand under no agreement;
- ``indicators``: the indicator tree of a region for a period, and comparisons;
- ``reports``: the figures of the cooperation report;
- ``offices``: who reads the figures over both sides (the provincial cooperation offices).
"""
