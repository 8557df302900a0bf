"""The ``jiandu`` command line: thin wrappers over the loaders, the store and the API."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from graph.blobs import BlobStore, blob_dir
from graph.errors import FieldError, JianduError, ValidationError
from graph.store import GraphStore
from jiandu.config import is_neo4j, open_store, store_url

if TYPE_CHECKING:
    from workflows.access import Access

Handler = Callable[[argparse.Namespace], int]


def _store(args: argparse.Namespace, *, read_only: bool = False) -> GraphStore:
    return open_store(args.store, read_only=read_only)


def cmd_demo(args: argparse.Namespace) -> int:
    from loaders.demo.generator import write_demo

    with _store(args) as store:
        progress = not (args.no_progress or args.json)
        report = write_demo(
            store,
            cases=args.cases,
            seed=args.seed,
            progress=progress,
            blobs=BlobStore(blob_dir(store.url)),
        )
    _print(report, args)
    return 0


def _print(report: object, args: argparse.Namespace) -> None:
    """The report as a person reads it, or as JSON with ``--json``."""
    as_json = getattr(report, "as_json", None)
    if args.json and as_json is not None:
        print(json.dumps(as_json(), ensure_ascii=False, indent=2))
    else:
        print(report)


def _unfinished_imports(store: GraphStore) -> int:
    """Say, on stderr, which imports were interrupted (loaders/journal.py); how many."""
    from loaders.journal import unfinished

    found = unfinished(store)
    for entry in found:
        print(f"jiandu: warning: {entry.describe()}", file=sys.stderr)
    return len(found)


def cmd_load(args: argparse.Namespace) -> int:
    from loaders.importer import check_paths, load_paths
    from loaders.mapping import LedgerMapping
    from workflows.explore.xref import pairs_among

    mapping = LedgerMapping.read(Path(args.mapping)) if args.mapping else None
    if args.check:
        with _store(args, read_only=True) as store:
            checked = check_paths(
                store,
                [Path(p) for p in args.paths],
                progress=not (args.no_progress or args.json),
                mapping=mapping,
                duplicates=pairs_among,
            )
        _print(checked, args)
        return 0 if checked.clean else 3
    with _store(args) as store:
        _unfinished_imports(store)
        report = load_paths(
            store,
            [Path(p) for p in args.paths],
            skip_invalid=args.skip_invalid,
            rejects=Path(args.rejects) if args.rejects else None,
            progress=not (args.no_progress or args.json),
            mapping=mapping,
        )
    _print(report, args)
    return 0


def cmd_bulk_files(args: argparse.Namespace) -> int:
    from graph.adapters.neo4j_bulk import BulkValueError
    from loaders.bulk import bulk_files

    output = Path(args.output)
    if output.exists() and any(output.iterdir()):
        print(f"jiandu bulk-files: {output} is not empty", file=sys.stderr)
        return 1
    try:
        report = bulk_files(
            [Path(p) for p in args.paths], output, progress=not (args.no_progress or args.json)
        )
    except BulkValueError as exc:
        print(f"jiandu bulk-files: {exc}", file=sys.stderr)
        return 1
    _print(report, args)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from loaders.export import export_store

    with _store(args, read_only=True) as store:
        report = export_store(store, Path(args.directory), fmt=args.format)
    _print(report, args)
    return 0


def _operator(store: GraphStore) -> Access:
    """The CLI's caller: the operator, an admin of the whole store (personal data unmasked;
    the commands that show it record the read)."""
    from workflows.access import Access, Principal, Role, SharedItems

    subject = f"cli:{os.environ.get('USER', 'operator')}"
    return Access(Principal(subject, Role.ADMIN), SharedItems(store))


def cmd_graph(args: argparse.Namespace) -> int:
    """A subgraph or a saved investigation as GraphML, GEXF or JSON, as the operator (an
    admin: personal data unmasked; the read is recorded in the audit trail)."""
    from workflows.access import PERSONAL
    from workflows.audit import record_personal_reads
    from workflows.explore.graph_files import GraphFormat, graph_file
    from workflows.usecase import call

    png = args.format == "png"
    fmt = GraphFormat.SVG if png else GraphFormat[args.format.upper()]
    with _store(args) as store:
        operator = _operator(store)
        found = call(
            graph_file,
            store=store,
            access=operator,
            fmt=fmt,
            node_ids=args.nodes or (),
            investigation_id=args.investigation,
        )
        reads = {
            (n.kind.name, n.id): {f for f in PERSONAL.get(n.kind, ()) if n.props.get(f) is not None}
            for n in found.nodes
        }
        subject = operator.principal.subject
        record_personal_reads(store, subject, {k: v for k, v in reads.items() if v})
    default = found.filename.removesuffix(".svg") + ".png" if png else found.filename
    output = Path(args.output or default)
    if png:
        from reports.render_pdf import svg_to_png

        svg_to_png(found.text, output)
    else:
        output.write_text(found.text, "utf-8")
    print(f"{len(found.nodes):,} nodes and {len(found.rels):,} relationships written to {output}")
    return 0


def cmd_table(args: argparse.Namespace) -> int:
    """The first list a GraphQL query answers, as an Excel 台账 with Chinese headers, run as
    the operator (an admin; an unmasked read of personal data is recorded)."""
    import asyncio

    from api import xlsx
    from schema import build
    from schema.context import Context
    from schema.limits import Limits
    from workflows.audit import record_personal_reads

    given = Path(args.query)
    query = given.read_text("utf-8") if given.is_file() else args.query
    try:
        variables = json.loads(args.variables) if args.variables else None
    except ValueError as exc:
        raise ValidationError(FieldError("--variables", f"not JSON: {exc}")) from None
    schema = build()
    with _store(args) as store:
        operator = _operator(store)
        context = Context(store, operator, Limits(), request_id="cli")
        result = asyncio.run(
            schema.execute(query, variable_values=variables, context_value=context)
        )
        if result.errors:
            raise ValidationError([FieldError("query", e.message) for e in result.errors])
        if context.personal_reads:
            record_personal_reads(store, operator.principal.subject, context.personal_reads)
    content, rows = xlsx.workbook(schema._schema, query, None, result.data)
    Path(args.output).write_bytes(content)
    print(f"{rows:,} rows written to {args.output}")
    return 0


def cmd_xref(args: argparse.Namespace) -> int:
    """Likely duplicate people and agencies, best first, with the evidence (as an admin)."""
    from graph.model.enums import NodeKind
    from workflows.explore.xref import likely_duplicates
    from workflows.usecase import call

    kinds = [NodeKind[k] for k in args.kind] if args.kind else None
    with _store(args, read_only=True) as store:
        found = call(
            likely_duplicates,
            store=store,
            access=_operator(store),
            kinds=kinds,
            min_score=args.min_score,
        )
    if args.json:
        rows = [
            {"kind": d.kind.name, "ids": list(d.ids), "score": d.score, "evidence": d.evidence}
            for d in found
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for d in found:
        print(f"{d.score:.2f}  {d.kind.label}  {d.ids[0]}  {d.ids[1]}  {'; '.join(d.evidence)}")
    print(f"{len(found):,} likely duplicates (score ≥ {args.min_score})")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with _store(args, read_only=True) as store:
        counts = store.counts()
        _unfinished_imports(store)
    if args.json:
        print(
            json.dumps(
                {
                    "nodes": {k.name: n for k, n in counts.nodes.items()},
                    "rels": {t.name: n for t, n in counts.rels.items()},
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    width = max(len(k.name) for k in counts.nodes) + 2
    print("Nodes")
    for kind, n in counts.nodes.items():
        print(f"  {kind.name:<{width}}{n:>10,}  {kind.label}")
    print(f"  {'total':<{width}}{sum(counts.nodes.values()):>10,}")
    print("Relationships")
    width = max(len(t.name) for t in counts.rels) + 2
    for type_, n in counts.rels.items():
        print(f"  {type_.name:<{width}}{n:>10,}  {type_.label}")
    print(f"  {'total':<{width}}{sum(counts.rels.values()):>10,}")
    return 0


def _embedded_dir(args: argparse.Namespace, command: str) -> Path:
    url = store_url(args.store)
    if is_neo4j(url):
        raise ValidationError(
            FieldError(
                "store",
                f"jiandu {command} copies the embedded store; for Neo4j use neo4j-admin "
                "database dump / load, or jiandu export and load (docs/neo4j.md, Backups)",
            )
        )
    return Path(url)


def cmd_backup(args: argparse.Namespace) -> int:
    from graph.adapters.embedded_backup import backup

    print(backup(_embedded_dir(args, "backup"), Path(args.file)))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from graph.adapters.embedded_backup import restore

    print(restore(Path(args.file), _embedded_dir(args, "restore")))
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    url = store_url(args.store)
    if not is_neo4j(url):
        print(f"{url}: the embedded store needs no migration")
        return 0
    from graph.adapters.neo4j import Neo4jStore

    store = Neo4jStore.from_env(url)
    try:
        store.migrate()
    finally:
        store.close()
    print(f"{store.url}: constraints and indexes are in place")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app
    from api.settings import Settings

    settings = Settings.from_env()
    store = _store(args)
    _unfinished_imports(store)
    if args.demo_if_empty and not any(store.counts().nodes.values()):
        from loaders.demo.generator import write_demo

        print(f"The store {store.url} is empty: generating the demo ({args.demo_if_empty} cases)")
        blobs = BlobStore(blob_dir(store.url))
        print(
            write_demo(store, cases=args.demo_if_empty, seed=args.seed, progress=True, blobs=blobs)
        )
    from api.collector import CollectBetweenRequests, settle

    # The garbage collector runs between requests (api/collector.py), after everything
    # loaded now (the embedded store's topology: millions of objects) is frozen.
    app = CollectBetweenRequests(create_app(store, settings))
    settle()
    base = f"http://{args.host}:{args.port}"
    print(f"Jiandu on {store.url}: {base}/graphql", flush=True)
    if settings.graphiql:
        print(f"  GraphiQL (in a browser): {base}/graphql", flush=True)
    print(f"  graph explorer: {base}/explore", flush=True)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    finally:
        from schema.context import IN_FLIGHT

        IN_FLIGHT.wait_idle(30)  # work abandoned by timed-out requests ends before the store
        store.close()
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from schema import sdl

    sys.stdout.write(sdl())
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    from api.auth import create_token
    from api.settings import Settings

    settings = Settings.from_env()
    if args.agency is not None:
        with _store(args, read_only=True) as store:
            check_agency(store, args.agency, args.region)
    print(
        create_token(
            role=args.role,
            region=args.region,
            subject=args.subject,
            secret=settings.require_secret(),
            ttl_hours=args.ttl_hours,
            agency=args.agency,
        )
    )
    return 0


def check_agency(store: GraphStore, agency_id: str, region: str | None) -> None:
    """A token's agency exists, is an agency, and lies in the token's jurisdiction."""
    from graph.errors import FieldError
    from graph.model.enums import NodeKind
    from workflows.access import subtree_prefix

    node = store.get_nodes([agency_id]).get(agency_id)
    if node is None or node.kind is not NodeKind.Agency:
        raise ValidationError(FieldError("agency", f"no agency '{agency_id}' in the store"))
    code = str(node.get("region_code", ""))
    if region is not None and not code.startswith(subtree_prefix(region)):
        raise ValidationError(
            FieldError("agency", f"'{agency_id}' ({code}) lies outside the region {region}")
        )


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from workflows.audit import verify_store

    with _store(args, read_only=True) as store:
        verdict = verify_store(store=store)
    for problem in verdict.problems:
        print(problem)
    print(
        f"{verdict.checked} entries checked: {'the chain is intact' if verdict.ok else 'TAMPERED'}"
    )
    return 0 if verdict.ok else 1


def cmd_report(args: argparse.Namespace) -> int:
    from reports.cooperation import write_report

    with _store(args, read_only=True) as store:
        path = write_report(
            store,
            date_from=args.date_from,
            date_to=args.date_to,
            fmt=args.format,
            output=Path(args.output),
        )
    print(f"the cooperation report for {args.date_from} to {args.date_to} is in {path}")
    return 0


def cmd_document(args: argparse.Namespace) -> int:
    """An official document (公文) of a record, as PDF or HTML, as the operator."""
    from reports.official import official_pdf, render_official_html
    from workflows.documents import KINDS
    from workflows.usecase import call

    use_case, argument, _ = KINDS[args.kind]
    if argument:
        if not args.id:
            raise ValidationError(FieldError("id", f"{args.kind} needs the id of its record"))
        arguments: dict[str, object] = {argument: args.id}
    else:
        if not (args.region and args.year and args.quarter):
            raise ValidationError(
                FieldError("region", "intervention-report needs --region, --year and --quarter")
            )
        arguments = {"region_code": args.region, "year": args.year, "quarter": args.quarter}
    with _store(args, read_only=True) as store:
        doc = call(use_case, store=store, access=_operator(store), **arguments)
    output = Path(args.output)
    if args.format == "pdf":
        official_pdf(doc, output)
    else:
        output.write_text(render_official_html(doc), encoding="utf-8")
    print(f"{doc.kind} {doc.number} 《{doc.title}》 to {doc.recipient}: {output}")
    return 0


COLUMNS = {
    "code": ("指标编码", "code", "indicator", "指标"),
    "region_code": ("区划代码", "region_code", "所在区划", "region"),
    "period": ("统计期间", "period", "期间"),
    "value": ("数值", "value", "测量值"),
}


def cmd_measurements(args: argparse.Namespace) -> int:
    """A platform's export of measurements (CSV or XLSX, Chinese or English headers), imported
    all or nothing as the operator; every error names the file, the line and the field."""
    from graph.model.enums import NodeKind
    from loaders.files import tables
    from workflows.cooperation.monitoring import PLATFORM, MeasurementRow, import_measurements
    from workflows.usecase import call

    path = Path(args.file)
    rows: list[MeasurementRow] = []
    for table in tables(path, NodeKind.Measurement):
        if table.problems:
            raise ValidationError(list(table.problems), where=str(path))
        for row in table.rows:
            picked = {
                name: next((row.values[h] for h in heads if h in row.values), None)
                for name, heads in COLUMNS.items()
            }
            missing = [n for n, v in picked.items() if v in (None, "")]
            if missing:
                raise ValidationError(
                    [FieldError(f"line {row.line}.{n}", "required") for n in missing],
                    where=str(path),
                )
            rows.append(
                MeasurementRow(
                    str(picked["code"]), str(picked["region_code"]), str(picked["period"]),
                    str(picked["value"]), row.line,
                )
            )  # fmt: skip
    with _store(args) as store:
        try:
            report = call(
                import_measurements,
                store=store,
                access=_operator(store),
                rows=rows,
                platform=args.platform or PLATFORM,
            )
        except ValidationError as bad:
            raise ValidationError(bad.errors, where=str(path)) from None
    summary = {
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "platform": report.platform,
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(
            f"{path}: {report.rows:,} measurements from {report.platform}: "
            f"{report.created:,} new, {report.updated:,} changed, {report.unchanged:,} unchanged"
        )
    return 0


EXIT_CODES = """exit status: 0 done; 1 the store or a file could not be used (nothing was
changed, or an interrupted load that the same command completes); 2 bad input (every error
named by file, line and field; nothing was changed); 3 load --check found something to look
at; 130 interrupted (Ctrl-C)"""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="jiandu",
        description="Jiandu 监督: supervision graph",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--store",
        help="embedded store directory or Neo4j URI (default: $JIANDU_STORE, "
        "$JIANDU_NEO4J_URI, ./data)",
    )
    sub = p.add_subparsers(dest="command", required=True)

    def add(name: str, handler: Handler, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_)
        sp.set_defaults(handler=handler)
        return sp

    sp = add("demo", cmd_demo, "generate the demo dataset into the store")
    sp.add_argument("--cases", type=int, default=2000)
    sp.add_argument("--seed", type=int, default=20210701)
    sp.add_argument("--no-progress", action="store_true")
    sp.add_argument("--json", action="store_true", help="print the report as JSON")

    sp = add("load", cmd_load, "import JSON Lines, CSV or XLSX files (or directories)")
    sp.add_argument("paths", nargs="+")
    sp.add_argument("--skip-invalid", action="store_true", help="import the good rows")
    sp.add_argument("--rejects", help="where --skip-invalid writes the bad rows")
    sp.add_argument("--mapping", help="a ledger's mapping file (TOML, docs/mappings.md)")
    sp.add_argument(
        "--check", action="store_true", help="write nothing: report on the data's quality"
    )
    sp.add_argument("--no-progress", action="store_true")
    sp.add_argument("--json", action="store_true", help="print the report as JSON")

    sp = add(
        "bulk-files",
        cmd_bulk_files,
        "check files as a load would and write them for neo4j-admin database import full",
    )
    sp.add_argument("paths", nargs="+")
    sp.add_argument("--output", "-o", required=True, help="an empty or new directory")
    sp.add_argument("--no-progress", action="store_true")
    sp.add_argument("--json", action="store_true", help="print the report as JSON")

    sp = add("export", cmd_export, "write the whole graph in the load format")
    sp.add_argument("directory")
    sp.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    sp.add_argument("--json", action="store_true", help="print the report as JSON")

    sp = add(
        "graph", cmd_graph, "a subgraph or a saved investigation as GraphML, GEXF, JSON, SVG or PNG"
    )
    sp.add_argument("nodes", nargs="*", help="node ids (or --investigation)")
    sp.add_argument("--investigation", help="the id of a saved investigation")
    sp.add_argument(
        "--format", choices=("graphml", "gexf", "json", "svg", "png"), default="graphml"
    )
    sp.add_argument("--output", "-o", help="the file (default: the subgraph's name)")

    sp = add("table", cmd_table, "the first list a GraphQL query answers, as an Excel 台账")
    sp.add_argument("query", help="the query, or a file holding it")
    sp.add_argument("output", help="the .xlsx file to write")
    sp.add_argument("--variables", help="the query's variables, as JSON")

    sp = add("xref", cmd_xref, "likely duplicate people and agencies, with the evidence")
    sp.add_argument("--kind", action="append", choices=("Official", "Agency"))
    sp.add_argument("--min-score", type=float, default=0.6)
    sp.add_argument("--json", action="store_true")

    sp = add("measurements", cmd_measurements, "import a platform's export of measurements")
    sp.add_argument("file", help="CSV or XLSX: 指标编码, 区划代码, 统计期间, 数值")
    sp.add_argument("--platform", help="the platform the export comes from")
    sp.add_argument("--json", action="store_true")

    sp = add("stats", cmd_stats, "count nodes by kind and relationships by type")
    sp.add_argument("--json", action="store_true")

    add("migrate", cmd_migrate, "create Neo4j constraints and indexes (idempotent)")

    sp = add("backup", cmd_backup, "copy the embedded store to a file (while it serves)")
    sp.add_argument("file", help="a new file")
    sp = add("restore", cmd_restore, "replace the embedded store with a backup file")
    sp.add_argument("file")

    sp = add("serve", cmd_serve, "serve the GraphQL API")
    sp.add_argument("--host", default=os.environ.get("JIANDU_HOST", "127.0.0.1"))
    sp.add_argument("--port", type=int, default=int(os.environ.get("JIANDU_PORT", "8000")))
    sp.add_argument("--demo-if-empty", type=int, metavar="CASES", default=0)
    sp.add_argument("--seed", type=int, default=20210701)

    add("schema", cmd_schema, "print the GraphQL SDL")

    sp = add("token", cmd_token, "create a bearer token")
    tsub = sp.add_subparsers(dest="token_command", required=True)
    tp = tsub.add_parser("create", help="print a signed JWT")
    tp.set_defaults(handler=cmd_token)
    tp.add_argument(
        "--role", required=True, choices=("viewer", "investigator", "supervisor", "admin")
    )
    tp.add_argument("--region", help="jurisdiction: a region code (its subtree)")
    tp.add_argument(
        "--agency",
        help="the agency (store id) the caller works for: a unit reports on what is assigned "
        "to it and never accepts its own work",
    )
    tp.add_argument("--subject", default="cli-user")
    tp.add_argument("--ttl-hours", type=int, default=12)

    sp = add("report", cmd_report, "write a report")
    rsub = sp.add_subparsers(dest="report_command", required=True)
    rp = rsub.add_parser("cooperation", help="the Sichuan–Chongqing cooperation report")
    rp.set_defaults(handler=cmd_report)
    rp.add_argument("--from", dest="date_from", required=True, metavar="DATE")
    rp.add_argument("--to", dest="date_to", required=True, metavar="DATE")
    rp.add_argument("--format", choices=("html", "pdf", "md"), default="html")
    rp.add_argument("--output", required=True, metavar="FILE")

    sp = add("document", cmd_document, "print an official document (公文) of a record")
    sp.add_argument(
        "kind",
        choices=(
            "supervision-letter",
            "handover-letter",
            "rectification-notice",
            "review-report",
            "notification",
            "intervention-report",
        ),
        help="督办函, 交办函, 整改通知书, 评查报告, 通报, or the quarterly 干预司法 report",
    )
    sp.add_argument("id", nargs="?", help="the store id of the record")
    sp.add_argument("--region", help="intervention-report: the region code")
    sp.add_argument("--year", type=int, help="intervention-report: the year")
    sp.add_argument("--quarter", type=int, help="intervention-report: the quarter (1-4)")
    sp.add_argument("--format", choices=("pdf", "html"), default="pdf")
    sp.add_argument("--output", required=True, metavar="FILE")

    sp = add("audit", cmd_audit_verify, "check the audit trail")
    asub = sp.add_subparsers(dest="audit_command", required=True)
    asub.add_parser("verify", help="verify the hash chain").set_defaults(handler=cmd_audit_verify)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except ValidationError as exc:
        for error in exc.errors:
            prefix = f"{exc.where}: " if exc.where else ""
            print(f"{prefix}{error}", file=sys.stderr)
        print(
            f"jiandu {args.command}: {len(exc.errors)} error(s); nothing was changed",
            file=sys.stderr,
        )
        return 2
    except JianduError as exc:
        print(f"jiandu {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
