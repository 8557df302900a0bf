import hashlib
import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from graph.adapters.embedded import EmbeddedStore
from graph.errors import ValidationError
from graph.model.enums import NodeKind, RelType
from graph.model.kinds import RELS
from graph.model.records import Node, rel_id
from graph.model.validate import check_id, make_node, make_rel
from graph.store import Batch
from loaders.demo import DemoData, PlantedPattern, generate, write_demo
from loaders.demo.people import valid_id_number
from loaders.demo.regions import read_regions
from tests.worlds import demo_truth as truth

CASES = 1000
TODAY = "2024-12-31"
SENSITIVE = {"职务犯罪", "金融犯罪", "涉黑"}
DONE = {"ACCEPTED", "CLOSED"}
INSPECTIONS = {"INSPECTION", "PATROL", "VISIT", "POLITICAL_INSPECTION", "DISCIPLINE_PATROL"}


@dataclass
class Dataset(truth.Dataset):
    planted: dict[str, PlantedPattern] = field(default_factory=dict)


def fingerprint(batches: Iterable[Batch]) -> str:
    digest = hashlib.sha256()
    for batch in batches:
        for n in batch.nodes:
            digest.update(f"{n.kind.name}|{n.id}|{json.dumps(n.props, sort_keys=True)}\n".encode())
        for r in batch.rels:
            line = f"{r.type.name}|{r.id}|{r.start}|{r.end}|{json.dumps(r.props, sort_keys=True)}\n"
            digest.update(line.encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def data() -> Dataset:
    demo = DemoData(cases=CASES, today=TODAY)
    batches = list(demo.batches())
    return Dataset(batches, planted={p.name: p for p in demo.planted})


def test_same_seed_gives_identical_records_and_another_seed_does_not() -> None:
    first = fingerprint(generate(cases=CASES))
    assert fingerprint(generate(cases=CASES)) == first
    assert fingerprint(generate(cases=CASES, seed=7)) != first


def test_every_node_kind_and_relationship_type_is_present(data: Dataset) -> None:
    kinds = Counter(n.kind for n in data.nodes.values())
    types = Counter(r.type for r in data.rels)
    assert [k.name for k in NodeKind if not kinds[k]] == []
    assert [t.name for t in RelType if not types[t]] == []
    assert kinds[NodeKind.Case] == CASES


def same(canonical: dict[str, object], generated: dict[str, object]) -> bool:
    """Equal values of equal types (1 and 1.0 differ once stored as JSON)."""
    return json.dumps(canonical, sort_keys=True) == json.dumps(generated, sort_keys=True)


def test_records_are_canonical_and_link_allowed_kinds_in_stream_order(data: Dataset) -> None:
    seen: dict[str, NodeKind] = {}
    rel_ids: set[str] = set()
    for batch in data.batches:
        assert 0 < len(batch.nodes) + len(batch.rels) <= 10_000
        for n in batch.nodes:
            assert n.id not in seen, f"duplicate node id {n.id}"
            seen[n.id] = n.kind
            assert same(make_node(n.kind, n.id, n.props).props, n.props), n.id
        for r in batch.rels:
            assert r.id not in rel_ids, f"duplicate relationship id {r.id}"
            rel_ids.add(r.id)
            assert r.id.startswith(rel_id(r.type, r.start, r.end))
            assert same(make_rel(r.type, "stand-in", r.start, r.end, r.props).props, r.props)
            assert r.start in seen and r.end in seen, f"{r.id} comes before its endpoints"
            assert RELS[r.type].allows(seen[r.start], seen[r.end]), r.id


def test_real_regions_names_codes_and_history(data: Dataset) -> None:
    names = {n.props["code"]: n.props["name"] for n in data.kind(NodeKind.Region)}
    assert names["510100"] == "成都市" and names["511900"] == "巴中市"
    assert names["500105"] == "江北区" and names["513400"] == "凉山彝族自治州"
    shehong_county, shehong_city = data.nodes["region:510922"], data.nodes["region:510981"]
    assert (shehong_county.props["name"], shehong_county.props["valid_to"]) == ("射洪县", "2019")
    assert (shehong_city.props["name"], shehong_city.props["valid_from"]) == ("射洪市", "2019")
    current = [r for r in read_regions() if r.current]
    cities = [r for r in current if r.parent == "510000"]
    assert len(cities) == 21
    assert len([r for r in current if r.parent in {c.code for c in cities}]) == 183
    assert len([r for r in current if r.parent == "500000"]) == 38
    for code in ("500105", "511900", "510000", "500000"):
        assert data.nodes[f"agency:{code}:COURT"].props["region_code"] == code
    assert data.nodes["agency:510100:COURT"].props["name"] == "成都市中级人民法院"
    assert data.nodes["agency:500105:POLICE"].props["name"] == "重庆市公安局江北区分局"


def test_hierarchies_by_system_and_by_territory(data: Dataset) -> None:
    for system in ("COURT", "PROCURATORATE", "POLICE", "JUSTICE"):
        assert f"agency:510100:{system}" in data.ends(f"agency:510000:{system}", RelType.GUIDES)
        assert f"agency:510104:{system}" in data.ends(f"agency:510100:{system}", RelType.GUIDES)
        assert f"agency:500105:{system}" in data.ends(f"agency:500000:{system}", RelType.GUIDES)
    for commission in (n for n in data.kind(NodeKind.Agency) if n.props["kind"] == "COMMISSION"):
        units = data.ends(commission.id, RelType.COORDINATES)
        assert units and all(
            data.nodes[u].props["region_code"] == commission.props["region_code"]
            or data.nodes[u].props["kind"] == "PRISON"
            for u in units
        )
    assert data.ends("region:510104", RelType.PART_OF) == ["region:510100"]


def test_officials_rotate_and_posts_change_hands_without_overlap(data: Dataset) -> None:
    spells = defaultdict(list)
    for r in data.of_type(RelType.MEMBER_OF):
        spells[r.start].append(r)
    rotated = [rs for rs in spells.values() if len({r.end for r in rs}) > 1]
    assert len(rotated) > 20
    for rs in rotated:
        first, second = sorted(rs, key=lambda r: r.props["valid_from"])[:2]
        assert first.props["valid_to"] < second.props["valid_from"]
    holders = defaultdict(list)
    for r in data.of_type(RelType.HOLDS):
        holders[r.end].append(r)
    shared = [hs for hs in holders.values() if len(hs) > 1]
    assert len(shared) > 20
    for hs in shared:
        ordered = sorted(hs, key=lambda r: r.props["valid_from"])
        for earlier, later in itertools.pairwise(ordered):
            assert earlier.props["valid_to"] < later.props["valid_from"]
    holds = {(r.start, r.props["valid_from"]) for r in data.of_type(RelType.HOLDS)}
    assert holds == {(r.start, r.props["valid_from"]) for r in data.of_type(RelType.MEMBER_OF)}


def test_personal_data_is_well_formed(data: Dataset) -> None:
    codes = {r.code for r in read_regions()}
    officials = data.kind(NodeKind.Official)
    assert len(officials) > CASES
    for o in officials:
        id_number, phone = o.props["id_number"], o.props["phone"]
        assert valid_id_number(id_number), id_number
        assert id_number[:6] in codes
        assert (int(id_number[16]) % 2 == 1) == (o.props["gender"] == "男")
        assert re.fullmatch(r"1[3-9]\d{9}", phone), phone
        assert 2 <= len(o.props["name"]) <= 3
        assert o.props["address"].endswith("号")
    assert not valid_id_number(officials[0].props["id_number"][:17] + "Y")


def test_case_numbers_follow_each_agency_format(data: Dataset) -> None:
    formats = {
        "COURT": r"\(20\d\d\)[川渝]\d*(刑初|刑终|民初|民终|行初|行终|执|刑更)\d+号",
        "POLICE": r"\S+公(受案|\(刑\)立)字〔20\d\d〕\d+号",
        "PROCURATORATE": r"\S+检刑诉〔20\d\d〕\d+号",
    }
    cases = data.kind(NodeKind.Case)
    numbers = [c.props["case_number"] for c in cases]
    assert len(set(numbers)) == len(numbers)
    for case in cases:
        (unit,) = data.ends(case.id, RelType.HANDLED_BY)
        assert re.fullmatch(formats[data.nodes[unit].props["kind"]], case.props["case_number"])
    courts = {c.props["case_number"] for c in cases if c.props["region_code"] == "510104"}
    assert any(n.startswith("(20") and "川0104" in n for n in courts)


def test_distributions_are_plausible(data: Dataset) -> None:
    cases = data.kind(NodeKind.Case)
    kinds = Counter(c.props["kind"] for c in cases)
    for kind, share in {
        "CRIMINAL": 30,
        "CIVIL": 45,
        "ADMINISTRATIVE": 5,
        "ENFORCEMENT": 15,
    }.items():
        assert abs(100 * kinds[kind] / CASES - share) < 5, kind
    for case in cases:
        stage, kind = case.props["stage"], case.props["kind"]
        assert (stage == "PENALTY") == (kind == "PENALTY_EXECUTION")
        assert (stage == "EXECUTION") == (kind == "ENFORCEMENT")
    cross = [c for c in cases if c.props["cross_region"]]
    assert 0.015 < len(cross) / CASES < 0.06
    for flag in ("private_enterprise", "major_sensitive", "gang_related"):
        assert 0 < sum(c.props[flag] for c in cases) < 0.1 * CASES
    per_hundred = {k: 100 * len(data.kind(k)) / CASES for k in NodeKind}
    assert 25 < per_hundred[NodeKind.Complaint] < 35
    assert 7 < per_hundred[NodeKind.SupervisionAction] < 20
    assert 2 < per_hundred[NodeKind.InterventionRecord] < 8


def events_after(nodes: Iterable[Node], today: str) -> list[tuple[str, str, str]]:
    """Dates after ``today`` other than deadlines, starts of planned actions and validity ends."""
    future_allowed = {"deadline", "started_on"}
    late = [
        (n.id, name, value)
        for n in nodes
        for name, value in n.props.items()
        if name.endswith("_on") and name not in future_allowed and value > today
    ]
    late += [
        (n.id, "status", n.props["status"])
        for n in nodes
        if n.kind is NodeKind.SupervisionAction
        and n.props["started_on"] > today
        and n.props["status"] != "PLANNED"
    ]
    return late


def test_no_event_lies_after_the_reference_date(data: Dataset) -> None:
    assert events_after(data.nodes.values(), TODAY) == []
    earlier = "2023-06-30"
    nodes = [n for batch in generate(cases=300, today=earlier) for n in batch.nodes]
    assert events_after(nodes, earlier) == []
    assert max(n.props["filed_on"] for n in nodes if n.kind is NodeKind.Case) <= earlier
    assert events_after(nodes, "2022-12-31"), "the check finds late events"


def test_reviewers_come_from_the_talent_pool(data: Dataset) -> None:
    reviews = data.of_type(RelType.REVIEWED_BY)
    assert len(reviews) > 50
    experts = 0
    for review in reviews:
        reviewer = data.nodes[review.end].props
        assert reviewer["available"] is True and "pool_level" in reviewer
        kinds = {
            data.nodes[t].props["kind"]
            for t in data.ends(review.start, RelType.TARGETS)
            if data.nodes[t].kind is NodeKind.Case
        }
        experts += bool(kinds & set(reviewer["expertise"]))
    assert experts > 0.8 * len(reviews)


def test_agreements_form_the_one_plus_n_system(data: Dataset) -> None:
    one = data.nodes["agreement:1"]
    assert one.props["title"].startswith("关于提升区域一体化执法司法水平")
    signed = {
        "COURT": "2020-05-15",
        "PROCURATORATE": "2020-06",
        "POLICE": "2020-04-28",
        "JUSTICE": "2020-06",
    }
    for domain, day in signed.items():
        framework = data.nodes[f"agreement:n:{domain}"]
        assert framework.props["signed_on"] == day
        assert data.ends(framework.id, RelType.IMPLEMENTS) == ["agreement:1"]
    assert "agreement:511900-500105:COMMISSION" in data.nodes
    for agreement in data.kind(NodeKind.Agreement):
        assert agreement.props["mechanisms"]
        assert len(data.ends(agreement.id, RelType.SIGNED_BY)) >= 2
        if agreement.id != "agreement:1":
            assert len(data.ends(agreement.id, RelType.IMPLEMENTS)) == 1
    for case in data.kind(NodeKind.Case):
        under = data.ends(case.id, RelType.UNDER)
        if under:
            sides = {
                data.nodes[s].props["region_code"][:2]
                for s in data.ends(under[0], RelType.SIGNED_BY)
            }
            assert sides == {"50", "51"}


def static_part(batches: Iterable[Batch]) -> list[Node]:
    """The nodes generated before the first case: regions, agencies, staff, agreements..."""
    nodes: list[Node] = []
    for batch in batches:
        for node in batch.nodes:
            if node.kind is NodeKind.Case:
                return nodes
            nodes.append(node)
    return nodes


def test_full_scale_has_every_county_and_about_190_agreements() -> None:
    static = static_part(generate(cases=5000))
    courts = [n for n in static if n.kind is NodeKind.Agency and n.props["kind"] == "COURT"]
    county = [c for c in courts if c.props["level"] == "COUNTY"]
    assert len([c for c in county if c.props["region_code"].startswith("51")]) == 183
    assert 170 <= len([n for n in static if n.kind is NodeKind.Agreement]) <= 215
    small = static_part(generate(cases=CASES))
    assert len([n for n in small if n.kind is NodeKind.Agency]) < len(
        [n for n in static if n.kind is NodeKind.Agency]
    )


def test_documented_counts_at_1000_cases_are_current(data: Dataset) -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "demo-data.md").read_text("utf-8")
    documented = {
        name: int(count.replace(",", ""))
        for name, count in re.findall(r"^\| `?(\w+)`? \| ([\d,]+) \| [\d,]+ \|$", page, re.M)
    }
    actual = {k.name: n for k, n in Counter(n.kind for n in data.nodes.values()).items()}
    actual |= {t.name: n for t, n in Counter(r.type for r in data.rels).items()}
    assert documented == actual, "update the tables of docs/demo-data.md"


def test_arguments_are_checked() -> None:
    with pytest.raises(ValidationError):
        generate(cases=10)
    with pytest.raises(ValidationError):
        generate(cases=1000, today="2024-13-01")


# -- planted patterns -----------------------------------------------------------------------


def test_every_planted_pattern_is_reported_with_existing_ids(data: Dataset) -> None:
    assert set(data.planted) == {
        "repeat_petitioner", "frequent_intervener", "conflicted_reviewer", "same_approvers",
        "repeated_reductions", "reduction_at_the_line", "doubtful_medical_certificate",
        "cross_region_without_agreement", "overdue_unit", "duplicated_inspection",
    }  # fmt: skip
    for pattern in data.planted.values():
        assert pattern.summary and pattern.how_to_find
        assert all(check_id(i) and i in data.nodes for i in pattern.ids), pattern.name


def test_repeat_petitioner(data: Dataset) -> None:
    filed = Counter(r.start for r in data.of_type(RelType.FILED))
    (top, count), (_, runner_up) = filed.most_common(2)
    assert top == data.planted["repeat_petitioner"].ids[0] == "official:000001"
    assert count >= 8 and runner_up <= 2
    complaints = data.ends(top, RelType.FILED)
    assert len({c for x in complaints for c in data.ends(x, RelType.CONCERNS)}) == 1
    targets = [data.ends(x, t) for x in complaints for t in (RelType.AGAINST, RelType.ASSIGNED_TO)]
    agencies = {a for ends in targets for a in ends if a.startswith("agency:")}
    assert len(agencies) >= 3
    false_against = [x for x in complaints if data.nodes[x].props["found_false"]]
    assert any(data.starts(x, RelType.FOLLOWS) for x in false_against)


def test_frequent_intervener(data: Dataset) -> None:
    by = Counter(r.end for r in data.of_type(RelType.BY))
    (top, count), (_, runner_up) = by.most_common(2)
    assert top == data.planted["frequent_intervener"].ids[0] == "official:000002"
    assert count >= 12 and count > runner_up
    records = data.starts(top, RelType.BY)
    assert {data.nodes[r].props["classification"] for r in records} == {"IMPROPER"}
    assert len({c for r in records for c in data.ends(r, RelType.RECORDS)}) >= 10
    assert len(data.ends(top, RelType.INTERVENED_IN)) == count
    improper = Counter(
        b for r in data.kind(NodeKind.InterventionRecord) if r.props["classification"] == "IMPROPER"
        for b in data.ends(r.id, RelType.BY)
    )  # fmt: skip
    assert sorted(improper.values())[-2] == 1


def test_conflicted_reviewer(data: Dataset) -> None:
    reviewer, case, action = data.planted["conflicted_reviewer"].ids
    found = truth.conflicted_reviews(data)
    assert (action, case, reviewer) in found
    # Natural conflicts: a reviewer who served in the case's unit, let through now and then.
    natural = {(a, c, o) for a, c, o in found if a != action}
    assert natural and all(
        set(data.ends(c, RelType.HANDLED_BY)) & {s for s, _, _ in truth._spells(data, o)}
        for _, c, o in natural
    )
    assert case in data.ends(reviewer, RelType.HANDLED)
    assert len(data.ends(reviewer, RelType.MEMBER_OF)) == 2
    assert data.nodes[reviewer].props["pool_level"] == "CITY"


def test_same_approvers(data: Dataset) -> None:
    pairs: Counter[tuple[str, ...]] = Counter()
    for case in data.kind(NodeKind.Case):
        if case.props["kind"] == "PENALTY_EXECUTION":
            pairs[tuple(sorted(data.starts(case.id, RelType.HANDLED)))] += 1
    (top, count), (_, runner_up) = pairs.most_common(2)
    assert set(top) == set(data.planted["same_approvers"].ids[:2])
    assert count == 12 and runner_up <= 6


def test_repeated_reductions(data: Dataset) -> None:
    commutations = [
        c for c in data.kind(NodeKind.Case) if c.props.get("sentence_change") == "COMMUTATION"
    ]
    offenders = Counter(
        r.start
        for r in data.of_type(RelType.PARTY_TO)
        if r.props["party_role"] == "OFFENDER" and r.end in {c.id for c in commutations}
    )
    (top, count), (_, runner_up) = offenders.most_common(2)
    assert count == 4 and 1 < runner_up <= 4  # natural offenders are commuted again too
    assert data.nodes[top].props["name"] == "刘建国"
    offender, *planted = data.planted["repeated_reductions"].ids
    assert offender == top
    assert all(top in data.starts(c, RelType.PARTY_TO) for c in planted)


def test_every_sentence_file_names_its_offender_and_every_complaint_its_petitioner(
    data: Dataset,
) -> None:
    """People in cases are relationships (PARTY_TO with the party's role), not text."""
    roles = {(r.start, r.end): r.props["party_role"] for r in data.of_type(RelType.PARTY_TO)}
    for case in data.kind(NodeKind.Case):
        parties = data.starts(case.id, RelType.PARTY_TO)
        offenders = [p for p in parties if roles[(p, case.id)] == "OFFENDER"]
        if case.props.get("sentence_change"):
            [offender] = offenders
            assert data.nodes[offender].props["name"] in case.props["cause"]
        else:
            assert offenders == []
    for complaint in data.kind(NodeKind.Complaint):
        [petitioner] = data.starts(complaint.id, RelType.FILED)
        for case in data.ends(complaint.id, RelType.CONCERNS):
            if data.nodes[case].kind is NodeKind.Case:
                assert roles[(petitioner, case)] == "PETITIONER"


def test_reduction_at_the_line(data: Dataset) -> None:
    files = [c for c in data.kind(NodeKind.Case) if "eligible_ratio" in c.props]
    at_line = {c.id for c in files if c.props["served_ratio"] - c.props["eligible_ratio"] < 0.01}
    planted = set(data.planted["reduction_at_the_line"].ids)
    assert planted < at_line  # natural files come near the line too
    assert {data.nodes[c].props["offence_class"] for c in planted} == SENSITIVE


def test_doubtful_medical_certificate(data: Dataset) -> None:
    certificates = Counter(
        c.props["medical_certificate"]
        for c in data.kind(NodeKind.Case)
        if "medical_certificate" in c.props
    )
    assert len(certificates) > 1
    (text, count), (_, runner_up) = certificates.most_common(2)
    assert count == 2 and runner_up == 1 and "高血压1级" in text
    shared = {c.id for c in data.kind(NodeKind.Case) if c.props.get("medical_certificate") == text}
    assert shared == set(data.planted["doubtful_medical_certificate"].ids)


def test_cross_region_cases_without_agreement(data: Dataset) -> None:
    cross = [c for c in data.kind(NodeKind.Case) if c.props["cross_region"]]
    uncovered = {c.id for c in cross if not data.ends(c.id, RelType.UNDER)}
    assert uncovered == truth.uncovered_cross_region(data)
    planted = set(data.planted["cross_region_without_agreement"].ids[2:])
    assert planted < uncovered  # and natural ones, filed before their areas signed
    assert len(cross) > len(uncovered) + 10
    for case in planted:
        assert "region:500229" in data.ends(case, RelType.INVOLVES)
    for agreement in data.kind(NodeKind.Agreement):
        regions = {
            data.nodes[s].props["region_code"] for s in data.ends(agreement.id, RelType.SIGNED_BY)
        }
        assert not ("500229" in regions and regions & {"513400", "513401"})


def overdue(data: Dataset) -> Counter[str]:
    return Counter(
        unit for r in data.kind(NodeKind.Rectification)
        if r.props["deadline"] < TODAY and r.props["status"] not in DONE
        for unit in data.ends(r.id, RelType.ASSIGNED_TO)
    )  # fmt: skip


def test_overdue_unit(data: Dataset) -> None:
    (top, count), (_, runner_up) = overdue(data).most_common(2)
    assert top == data.planted["overdue_unit"].ids[0] == "agency:511702:POLICE"
    assert count == 5 and runner_up <= 4


def test_duplicated_inspection(data: Dataset) -> None:
    actions = defaultdict(list)
    for action in data.kind(NodeKind.SupervisionAction):
        if action.props["kind"] in INSPECTIONS:
            started = action.props["started_on"]
            # Unfinished actions last at least until the reference date (or their start).
            period = (started, action.props.get("ended_on", max(started, TODAY)))
            for target in data.ends(action.id, RelType.TARGETS):
                actions[target].append((action.id, *period))
    overlapping = {
        (target, a, b)
        for target, group in actions.items()
        for (a, a_from, a_to), (b, b_from, b_to) in itertools.combinations(sorted(group), 2)
        if a_from <= b_to and b_from <= a_to
    }
    unit, first, finding_a, second, finding_b = data.planted["duplicated_inspection"].ids
    assert overlapping == {(unit, first, second)}
    assert second not in data.ends(finding_a, RelType.RECOGNIZED_BY)
    assert first not in data.ends(finding_b, RelType.RECOGNIZED_BY)
    assert data.nodes[finding_a].props["title"] == data.nodes[finding_b].props["title"]


# -- into a store ---------------------------------------------------------------------------


def test_write_demo_into_an_embedded_store(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store") as store:
        report = write_demo(store, cases=CASES)
        counts = store.counts()
        assert counts.nodes == report.nodes and counts.rels == report.rels
        assert report.nodes[NodeKind.Case] == CASES
        assert {p.name for p in report.planted} >= {"repeat_petitioner", "overdue_unit"}
        assert store.get_nodes(["official:000001"])["official:000001"].get("role") == "PARTY"
        assert "planted patterns" in str(report).lower()
    with EmbeddedStore(tmp_path / "store", read_only=True) as reopened:
        assert reopened.counts() == counts
