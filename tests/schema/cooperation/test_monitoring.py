"""The monitoring tree as data over HTTP, on both stores: indicators defined under the rules of
the tree's shape, a platform export imported all or nothing and idempotently, the tree scored
from the measurements, and each indicator's trend."""

from __future__ import annotations

from typing import Any

from tests.api.api_client import codes, data, gql
from tests.api.api_harness import Server
from tests.worlds.sample import write_sample

DEFINE = """
mutation($code: String!, $name: String!, $level: IndicatorLevel!, $weight: Float!,
         $parent: String, $low: Float, $high: Float, $polarity: Polarity, $unit: String,
         $platform: String) {
  defineIndicator(code: $code, name: $name, level: $level, weight: $weight,
                  parentCode: $parent, referenceLow: $low, referenceHigh: $high,
                  polarity: $polarity, unit: $unit, platform: $platform) {
    id code level parent { code }
  }
}"""
IMPORT = """
mutation($rows: [MeasurementRowInput!]!) {
  importMeasurements(rows: $rows, platform: "四川政法跨部门大数据办案平台") {
    created updated unchanged platform
  }
}"""
EVALUATE = """
query($region: String!, $from: String!, $to: String!) {
  monitoringEvaluation(region: $region, from: $from, to: $to) {
    total indicators { code value score denominator }
  }
}"""
TREND = """
query($code: String!, $region: String!) {
  indicatorTrend(code: $code, region: $region, from: "2023-01-01", to: "2025-12-31") {
    indicator { code } regionCode direction points { period value score inRange change }
  }
}"""
PLATFORM = "政法跨部门大数据办案平台"
TREE: list[dict[str, Any]] = [
    {"code": "M1", "name": "执法司法质效", "level": "LEVEL1", "weight": 0.6},
    {"code": "M1.1", "name": "办案质量", "level": "LEVEL2", "weight": 0.6, "parent": "M1"},
    {
        "code": "M1.1.1",
        "name": "审限内结案率",
        "level": "LEVEL3",
        "weight": 0.4,
        "parent": "M1.1",
        "low": 0.8,
        "high": 1.0,
        "polarity": "HIGHER_BETTER",
        "unit": "%",
        "platform": PLATFORM,
    },
    {
        "code": "M1.1.2",
        "name": "平均办案天数",
        "level": "LEVEL3",
        "weight": 0.2,
        "parent": "M1.1",
        "low": 30.0,
        "high": 120.0,
        "polarity": "LOWER_BETTER",
        "unit": "天",
        "platform": PLATFORM,
    },
]
ROWS = [
    {"code": "M1.1.1", "regionCode": "510100", "period": "2024", "value": "0.9"},
    {"code": "M1.1.1", "regionCode": "510100", "period": "2025", "value": "85%"},
    {"code": "M1.1.2", "regionCode": "510100", "period": "2024", "value": "60"},
    {"code": "M1.1.2", "regionCode": "510100", "period": "2025年", "value": "100"},
]
COUNT = "{ measurements { totalCount } }"


def _fields(body: dict[str, Any]) -> list[str]:
    return [f["field"] for e in body["errors"] for f in e["extensions"].get("fields", [])]


def define(c: Any, **given: Any) -> dict[str, Any]:
    return gql(c, DEFINE, **given)


def planted(server: Server) -> None:
    write_sample(server.store)
    with server.client("admin") as c:
        for row in TREE:
            assert "errors" not in define(c, **row)


def test_the_tree_is_defined_under_the_rules_of_its_shape(server: Server) -> None:
    planted(server)
    with server.client("admin") as c:
        leaf_under_top = define(
            c,
            code="X1",
            name="x",
            level="LEVEL3",
            weight=0.1,
            parent="M1",
            low=0,
            high=1,
            polarity="HIGHER_BETTER",
            platform=PLATFORM,
        )
        overweight = define(
            c,
            code="M1.1.3",
            name="x",
            level="LEVEL3",
            weight=0.1,
            parent="M1.1",
            low=0,
            high=1,
            polarity="HIGHER_BETTER",
            platform=PLATFORM,
        )
        no_platform = define(
            c,
            code="B8",
            name="x",
            level="BONUS",
            weight=0.05,
            low=0,
            high=1,
            polarity="HIGHER_BETTER",
        )
        top_with_range = define(
            c, code="M2", name="x", level="LEVEL1", weight=0.3, polarity="HIGHER_BETTER"
        )
        top_overweight = define(c, code="M3", name="x", level="LEVEL1", weight=0.5)
        twice = define(c, code="M1", name="x", level="LEVEL1", weight=0.1)
        backwards = define(
            c,
            code="B9",
            name="x",
            level="BONUS",
            weight=0.05,
            low=5,
            high=1,
            polarity="HIGHER_BETTER",
            platform=PLATFORM,
        )
        bonus = define(
            c,
            code="B1",
            name="川渝协作创新",
            level="BONUS",
            weight=0.05,
            low=0,
            high=5,
            polarity="HIGHER_BETTER",
            platform=PLATFORM,
        )
    with server.client("supervisor", "510100") as staff:
        not_admin = define(staff, code="M9", name="x", level="LEVEL1", weight=0.1)
    assert _fields(leaf_under_top) == ["parentCode", "weight"]
    assert _fields(overweight) == ["weight"]
    assert _fields(no_platform) == ["platform"]
    assert _fields(top_with_range) == ["polarity"]
    assert _fields(top_overweight) == ["weight"]
    assert _fields(twice) == ["code"]
    assert _fields(backwards) == ["referenceLow"]
    assert "errors" not in bonus and bonus["data"]["defineIndicator"]["parent"] is None
    assert codes(not_admin) == ["FORBIDDEN"]


def test_a_platform_export_feeds_the_tree_and_its_trends(server: Server) -> None:
    planted(server)
    with server.client("supervisor", "510100") as c:
        first = data(c, IMPORT, rows=ROWS)["importMeasurements"]
        again = data(c, IMPORT, rows=ROWS)["importMeasurements"]
        changed = data(c, IMPORT, rows=[{**ROWS[0], "value": "0.95"}])["importMeasurements"]
        year = data(c, EVALUATE, region="510100", **{"from": "2024-01-01", "to": "2024-12-31"})
        both = data(c, EVALUATE, region="510100", **{"from": "2024-01-01", "to": "2025-12-31"})
        leaf = data(c, TREND, code="M1.1.1", region="510100")["indicatorTrend"]
        parent = data(c, TREND, code="M1.1", region="510100")["indicatorTrend"]
    assert first == {
        "created": 4,
        "updated": 0,
        "unchanged": 0,
        "platform": "四川政法跨部门大数据办案平台",
    }
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 4)
    assert (changed["created"], changed["updated"]) == (0, 1)
    scored = {i["code"]: i for i in year["monitoringEvaluation"]["indicators"]}
    assert scored["M1.1.1"]["value"] == 0.95 and scored["M1.1.1"]["score"] == 90.0
    # 60 days on a 30–120 range where lower is better: a third of the way, 86.67.
    assert scored["M1.1.2"]["score"] == 86.67
    assert scored["M1.1"]["score"] == round((0.4 * 90 + 0.2 * 86.67) / 0.6, 2)
    mean = {i["code"]: i for i in both["monitoringEvaluation"]["indicators"]}["M1.1.1"]
    assert mean["value"] == 0.9 and mean["denominator"] == 2
    assert [(p["period"], p["value"], p["score"], p["change"]) for p in leaf["points"]] == [
        ("2024", 0.95, 90.0, None),
        ("2025", 0.85, 70.0, -20.0),
    ]
    assert leaf["direction"] == "WORSENING" and leaf["points"][1]["inRange"] is True
    assert [p["period"] for p in parent["points"]] == ["2024", "2025"]
    assert parent["direction"] == "WORSENING"


BAD_ROWS = [
    ({"code": "NOPE"}, "rows[0].code"),
    ({"code": "M1.1"}, "rows[0].code"),
    ({"regionCode": "999999"}, "rows[0].regionCode"),
    ({"period": "2024-13"}, "rows[0].period"),
    ({"period": "0000"}, "rows[0].period"),
    ({"value": "abc"}, "rows[0].value"),
    ({"value": "1.5"}, "rows[0].value"),
    ({"value": "1e999"}, "rows[0].value"),
]


def test_a_bad_row_imports_nothing_and_is_named(server: Server) -> None:
    planted(server)
    with server.client("supervisor", "510100") as c:
        refused = [gql(c, IMPORT, rows=[{**ROWS[0], **row}, ROWS[2]]) for row, _ in BAD_ROWS]
        count = data(c, COUNT)["measurements"]["totalCount"]
    for body, (_, field) in zip(refused, BAD_ROWS, strict=True):
        assert codes(body) == ["VALIDATION"] and _fields(body) == [field], body
    assert count == 0


def test_imports_keep_to_the_jurisdiction_and_refuse_repeats(server: Server) -> None:
    planted(server)
    with server.client("supervisor", "510400") as other:
        foreign = gql(other, IMPORT, rows=[ROWS[0]])
        elsewhere = gql(
            other, EVALUATE, region="510100", **{"from": "2024-01-01", "to": "2024-12-31"}
        )
    with server.client("supervisor", "510100") as c:
        repeated = gql(c, IMPORT, rows=[ROWS[0], {**ROWS[0], "period": "2024年"}])
        unknown = gql(c, TREND, code="NOPE", region="510100")
    assert _fields(foreign) == ["rows[0].regionCode"]
    assert codes(elsewhere) == ["FORBIDDEN"]
    assert _fields(repeated) == ["rows[1].period"]
    assert _fields(unknown) == ["code"]
