"""Renders docs/data-model.md from the model table (``python -m graph.model.doc``)."""

from __future__ import annotations

from graph.model.kinds import COMMON, NODES, RELS, Field, FieldType, node_fields


def _type(f: Field) -> str:
    text = f.enum.__name__ if f.type is FieldType.ENUM and f.enum else f.type.value
    return f"list of {text}" if f.many else text


def _flags(f: Field) -> str:
    return ", ".join(x for x, on in (("required", f.required), ("personal", f.personal)) if on)


def render() -> str:
    out = [
        "# Data model",
        "",
        "Generated from `graph/model/kinds.py` by `python -m graph.model.doc`; a test fails",
        "when this page and the model differ. Stored values are English codes; people read the",
        "Chinese labels. Dates are partial dates (`2021`, `2021-02`, `2021-02-03`) kept as",
        "written; validity windows are inclusive.",
        "",
        "Every node and every relationship may also carry:",
        "",
        "| field | type | 中文 |",
        "|---|---|---|",
        *(f"| `{f.name}` | {_type(f)} | {f.label} |" for f in COMMON),
        "",
        "## Node kinds",
        "",
    ]
    for spec in NODES.values():
        out += [
            f"### {spec.kind.name} {spec.kind.label}",
            "",
            spec.doc,
            "",
            "| field | type | 中文 | |",
            "|---|---|---|---|",
        ]
        out += [
            f"| `{f.name}` | {_type(f)} | {f.label} | {_flags(f)} |"
            for f in node_fields(spec.kind)
            if f not in COMMON
        ]
        out.append("")
    out += [
        "## Relationship types",
        "",
        "| type | 中文 | from → to | fields |",
        "|---|---|---|---|",
    ]
    for rel in RELS.values():
        ends = "<br>".join(f"{a.name} → {b.name}" for a, b in rel.ends)
        fields = ", ".join(f"`{f.name}` ({f.label})" for f in rel.fields)
        out.append(f"| `{rel.type.name}` | {rel.type.label} | {ends} | {fields} |")
    out += ["", "## Enumerations", ""]
    enums = sorted(
        {f.enum for s in NODES.values() for f in s.fields if f.enum}, key=lambda e: e.__name__
    )
    for enum_ in enums:
        values = ", ".join(f"`{m.name}` {m.label}" for m in enum_)
        out.append(f"- **{enum_.__name__}**: {values}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render(), end="")
