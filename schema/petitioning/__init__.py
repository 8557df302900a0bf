"""Petitions about cases, sentence-change verification, interventions in justice, and the
listed and special supervision of typical cases, over ``workflows.petitioning`` (and the
case supervisions of ``workflows.supervision.cases`` they single out).

- ``petitions``: 涉法涉诉信访, registration, lifecycle and time limits;
- ``sentences``: red flags among sentence-change files, with their evidence paths;
- ``verification``: a verification's conclusion, the procuratorate's opinion, the
  correction; hearings attended (旁听庭审);
- ``interventions``: 三个规定 records, quarterly reports, repeated interveners;
- ``listed``: 挂牌督办, 重点关注, escalation, 三同步 workstreams, the private-enterprise batch;
- ``args``: ids of one of several kinds, optional ids.
"""

from __future__ import annotations

from schema.fields import RootField
from schema.petitioning import interventions, listed, petitions, sentences, verification

QUERY: tuple[RootField, ...] = (
    petitions.petitions_of_case,
    sentences.sentence_red_flags,
    interventions.quarterly_reports,
    interventions.repeated_interveners,
    interventions.interventions_on_flawed_cases,
    listed.workstreams,
    listed.private_enterprise_candidates,
    listed.green_channel,
)
MUTATION: tuple[RootField, ...] = (
    petitions.register_petition,
    petitions.move_petition,
    petitions.extend_petition,
    interventions.record_intervention,
    listed.set_attention,
    listed.escalate_overdue,
    listed.plan_workstreams,
    listed.move_workstream,
    listed.open_private_enterprise_batch,
    listed.open_green_channel,
    verification.conclude_verification,
    verification.record_procuratorate_opinion,
    verification.record_sentence_correction,
    verification.attend_hearing,
)
