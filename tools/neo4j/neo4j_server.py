"""A real Neo4j Community 5.26 server for tests and local work, without Docker or a download site.

The jars come from Maven Central (``pom.xml`` beside this file) into ``.cache/lib``;
``Launcher.java`` runs them as an embedded DBMS with a Bolt connector on 127.0.0.1.

    python tools/neo4j/neo4j_server.py fetch   # download the jars only
    python tools/neo4j/neo4j_server.py run     # start, print the URI, run until Ctrl-C/SIGTERM

    with Neo4jServer() as server:               # fresh store in a temp dir, free port
        driver = GraphDatabase.driver(server.uri, auth=server.auth)

Stdlib only; works imported by path or run as a script, from any current directory.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import fcntl
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType, TracebackType

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
LAUNCHER_SOURCE = HERE / "Launcher.java"
CACHE = HERE / ".cache"
LIB = CACHE / "lib"
CLASSES = CACHE / "classes"
# Written after a complete download / compile; holds the hash of the file it was built from.
LIB_MARKER = LIB / ".complete"
CLASSES_MARKER = CLASSES / ".complete"

JAVA_HOME = Path(os.environ.get("NEO4J_JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64"))
JAVA = JAVA_HOME / "bin" / "java"
JAVAC = JAVA_HOME / "bin" / "javac"
SUPPORTED_JAVA = ("17", "21")  # Neo4j 5.26 runs on either; 17 is what these machines have.
JVM_FLAGS = (
    "-Xmx2g",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
)
# Tests and local runs are short: with the C1 compiler alone the JVM spends less CPU compiling
# (the contract suite on 2 busy cores: a sixth to a third less CPU) and starts in half the
# time (README.md, "Measured"). Long runs (benchmarks) pass long_running for C2's faster code.
SHORT_RUN_FLAGS = ("-XX:TieredStopAtLevel=1",)
HOST = "127.0.0.1"
READY_PREFIX = "NEO4J_READY "
PASSWORD_ENV = "NEO4J_LAUNCHER_PASSWORD"  # read by Launcher.java
OUTPUT_TAIL_LINES = 200


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _is_current(marker: Path, source: Path) -> bool:
    return marker.is_file() and marker.read_text().strip() == _sha256(source)


def _java_env() -> dict[str, str]:
    return {**os.environ, "JAVA_HOME": str(JAVA_HOME)}


def _run(command: list[str]) -> None:
    """Runs a build tool with the JDK, showing its output (Maven errors: stdout) on failure."""
    done = subprocess.run(command, env=_java_env(), capture_output=True, text=True)
    if done.returncode != 0:
        name = Path(command[0]).name
        raise RuntimeError(f"{name} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


@contextlib.contextmanager
def _cache_lock() -> Iterator[None]:
    """Serialises downloads and compiles between processes (e.g. parallel test workers)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    with (CACHE / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def java_available() -> tuple[bool, str]:
    """Whether the server can run here: a JDK 17 (or 21), and mvn unless the jars are cached."""
    if not (JAVA.is_file() and JAVAC.is_file()):
        return False, f"no JDK at {JAVA_HOME} (set NEO4J_JAVA_HOME to a JDK 17 or 21)"
    version = subprocess.run(
        [str(JAVA), "-version"], capture_output=True, text=True, check=False
    ).stderr
    if not any(f'version "{major}' in version for major in SUPPORTED_JAVA):
        return False, f"{JAVA} is not Java {' or '.join(SUPPORTED_JAVA)}: {version.strip()}"
    if not _is_current(LIB_MARKER, POM) and shutil.which("mvn") is None:
        return False, "mvn not found and the Neo4j jars are not cached yet"
    return True, str(JAVA)


def ensure_jars() -> Path:
    """Downloads the Neo4j jars into the cache unless already complete; returns the lib dir."""
    with _cache_lock():
        if _is_current(LIB_MARKER, POM):
            return LIB
        mvn = shutil.which("mvn")
        if mvn is None:
            raise RuntimeError("mvn not found: it is needed once to download the Neo4j jars")
        print(f"neo4j_server: downloading Neo4j jars into {LIB} ...", file=sys.stderr, flush=True)
        shutil.rmtree(LIB, ignore_errors=True)
        copy = [
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={LIB}",
        ]
        _run([mvn, "-q", "-B", "-f", str(POM), *copy])
        LIB_MARKER.write_text(_sha256(POM) + "\n")
        return LIB


def _ensure_launcher() -> Path:
    """Compiles Launcher.java into the cache (saves ~2 s per start over source-file mode)."""
    lib = ensure_jars()
    with _cache_lock():
        if not _is_current(CLASSES_MARKER, LAUNCHER_SOURCE):
            shutil.rmtree(CLASSES, ignore_errors=True)
            _run([str(JAVAC), "-cp", f"{lib}/*", "-d", str(CLASSES), str(LAUNCHER_SOURCE)])
            CLASSES_MARKER.write_text(_sha256(LAUNCHER_SOURCE) + "\n")
    return CLASSES


def import_files(store: Path, arguments: list[str], timeout: float = 3600.0) -> str:
    """``neo4j-admin database import full ARGUMENTS`` into the store directory a server
    started with ``Neo4jServer(store=…)`` serves (its NEO4J_HOME), from the jars of the same
    Maven tree (neo4j-import-tool, neo4j-command-line). Returns the importer's output; a
    failed import raises with it."""
    lib = ensure_jars()
    (store / "conf").mkdir(parents=True, exist_ok=True)
    env = {**_java_env(), "NEO4J_HOME": str(store), "NEO4J_CONF": str(store / "conf")}
    done = subprocess.run(
        [str(JAVA), *JVM_FLAGS, "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool",
         "database", "import", "full", f"--report-file={store / 'import.report'}", *arguments],
        env=env, capture_output=True, text=True, timeout=timeout, cwd=store,
    )  # fmt: skip
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise RuntimeError(f"neo4j-admin database import failed ({done.returncode}):\n{output}")
    return output


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


class Neo4jServer:
    """One Neo4j server process with a fresh, temporary store; stopped and deleted on exit.

    The JVM watches its stdin, a pipe held by this process: if this process dies, even by
    SIGKILL, the pipe closes and the JVM shuts down and deletes its store on its own.
    """

    def __init__(
        self,
        port: int | None = None,
        password: str | None = None,
        startup_timeout: float = 180.0,
        *,
        long_running: bool = False,
        keep_store: bool = False,
        store: Path | None = None,
        heap_mib: int = 2048,
        pagecache_mib: int = 256,
        delete_store: bool = True,
    ) -> None:
        """``keep_store``: the store outlives a ``halt`` so that ``start`` brings the same
        database back on the same port (an outage, as a restart of a real server is); it is
        deleted by ``stop``. ``store``: a store directory to serve (one ``import_files``
        filled) instead of a new, empty one; deleted on exit all the same unless
        ``delete_store`` is False (a store made before, served again). ``heap_mib`` and
        ``pagecache_mib``: the JVM heap and Neo4j's page cache (the defaults suit the tests;
        a benchmark at scale sizes them as docs/neo4j.md sizes a deployment)."""
        self.port = port
        self.keep_store = keep_store
        self.password = password
        self.startup_timeout = startup_timeout
        flags = tuple(f"-Xmx{int(heap_mib)}m" if f.startswith("-Xmx") else f for f in JVM_FLAGS)
        self.jvm_flags = flags if long_running else flags + SHORT_RUN_FLAGS
        self.pagecache_mib = int(pagecache_mib)
        self.store: Path | None = store
        self.delete_store = delete_store
        self._process: subprocess.Popen[str] | None = None
        self._output: collections.deque[str] = collections.deque(maxlen=OUTPUT_TAIL_LINES)
        self._up = False  # the JVM printed its ready line
        self._settled = threading.Event()  # set at the ready line or at the end of the output
        self._drainer: threading.Thread | None = None

    @property
    def uri(self) -> str:
        if self._process is None or not self._up:
            raise RuntimeError("Neo4jServer is not running")
        return f"bolt://{HOST}:{self.port}"

    @property
    def auth(self) -> tuple[str, str] | None:
        """The driver's auth argument: ("neo4j", password), or None when auth is off."""
        return ("neo4j", self.password) if self.password else None

    def start(self) -> Neo4jServer:
        if self._process is not None:
            raise RuntimeError("Neo4jServer already started")
        classes = _ensure_launcher()
        if self.port is None:
            self.port = _free_port()
        if self.store is None:
            self.store = Path(tempfile.mkdtemp(prefix="jiandu-neo4j-"))
        env = _java_env()
        env.pop(PASSWORD_ENV, None)
        if self.password:
            env[PASSWORD_ENV] = self.password
        self._output.clear()
        self._up = False
        self._settled.clear()
        self._process = subprocess.Popen(
            [
                str(JAVA),
                *self.jvm_flags,
                "-cp",
                f"{classes}{os.pathsep}{LIB}/*",
                "Launcher",
                str(self.store),
                str(self.port),
                "--watch-stdin",
                *([] if self.keep_store or not self.delete_store else ["--ephemeral"]),
                *(
                    ["--pagecache-mib", str(self.pagecache_mib)]
                    if self.pagecache_mib != 256
                    else []
                ),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            text=True,
            start_new_session=True,  # own process group: a terminal's Ctrl-C reaches only us
        )
        self._drainer = threading.Thread(target=self._drain, args=(self._process,), daemon=True)
        self._drainer.start()
        try:
            self._wait_ready(self._process)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self, process: subprocess.Popen[str]) -> None:
        self._settled.wait(self.startup_timeout)
        if self._up:
            return
        reason = (
            f"exited with code {process.wait()}"
            if self._settled.is_set()
            else f"not ready after {self.startup_timeout:.0f} s"
        )
        tail = "\n".join(self._output)
        raise RuntimeError(f"Neo4j server {reason}; its output:\n{tail}")

    def _drain(self, process: subprocess.Popen[str]) -> None:
        """Keeps the JVM's output flowing (and its tail for errors); flags the ready line."""
        assert process.stdout is not None
        for line in process.stdout:
            self._output.append(line.rstrip("\n"))
            if line.startswith(READY_PREFIX):
                self._up = True
                self._settled.set()
        self._settled.set()  # EOF: the JVM is gone; wake start() up

    def wait(self) -> int:
        """Blocks until the JVM exits (only a signal or a crash ends it); returns its exit code."""
        if self._process is None:
            raise RuntimeError("Neo4jServer is not running")
        return self._process.wait()

    def halt(self, timeout: float = 60.0) -> None:
        """Stop the JVM as ``stop`` does but keep the store (``keep_store``): ``start`` again
        serves the same database on the same port."""
        if not self.keep_store:
            raise RuntimeError("halt needs Neo4jServer(keep_store=True)")
        self._shut_down(timeout)

    def stop(self, timeout: float = 60.0) -> None:
        """SIGTERM (then SIGKILL after ``timeout`` s); waits for the JVM; removes the store."""
        self._shut_down(timeout)
        if self.store is not None and self.delete_store:
            shutil.rmtree(self.store, ignore_errors=True)
        self.store = None

    def _shut_down(self, timeout: float) -> None:
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if self._drainer is not None:
                self._drainer.join()  # ends at EOF, now that the JVM is gone
                self._drainer = None
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()
        self._up = False

    def __enter__(self) -> Neo4jServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _raise_keyboard_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A real Neo4j Community server, for tests.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("fetch", help="download the Neo4j jars into the cache")
    run = commands.add_parser("run", help="start a server and run until Ctrl-C or SIGTERM")
    run.add_argument("--port", type=int, help="Bolt port (default: a free one)")
    run.add_argument("--password", help="enable auth with user neo4j and this password")
    run.add_argument(
        "--long-running", action="store_true", help="JIT for throughput rather than a quick start"
    )
    args = parser.parse_args(argv)

    ok, reason = java_available()
    if not ok:
        print(f"neo4j_server: {reason}", file=sys.stderr)
        return 1
    if args.command == "fetch":
        print(ensure_jars())
        return 0
    for signum in (signal.SIGTERM, signal.SIGINT):  # SIGINT too: a background job ignores it
        signal.signal(signum, _raise_keyboard_interrupt)
    with Neo4jServer(
        port=args.port, password=args.password, long_running=args.long_running
    ) as server:
        print(server.uri, flush=True)
        try:
            code = server.wait()
        except KeyboardInterrupt:
            return 0
    print(f"neo4j_server: the server exited with code {code}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
