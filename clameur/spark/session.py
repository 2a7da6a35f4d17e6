"""A Spark session for one import: local (``--master``, default ``local[*]``) or a Spark Connect server
(``--remote sc://host:15002``).

Quiet and closed by default: no web UI, no console progress bar, log level WARN, times in UTC, and a local driver
that listens on 127.0.0.1 only (a cluster's executors must reach the driver, so a cluster master keeps Spark's own
address). Errors people see are sentences (:class:`SparkUnavailable`), never a Java or Python traceback.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from clameur.errors import ClameurError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"
# A local driver holds the executors too: Spark's default of 1 GB is short for a few million posts.
LOCAL_DRIVER_MEMORY = "2g"

# Settings of every session Clameur starts (a Spark Connect server it does not start takes the SQL ones only).
_CONF = {
    "spark.sql.session.timeZone": "UTC",  # times are UTC end to end; a naive time is a UTC time
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.legacy.timeParserPolicy": "CORRECTED",  # a time no pattern fits is NULL, never an upgrade error
    "spark.sql.debug.maxToStringFields": "100",  # the layout's rows are wider than Spark's 25 (it warns each time)
    # Rollups a local Spark hands over as Parquet: instants in UTC that DuckDB reads as such (not Spark's INT96).
    "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
}
LOG_CONFIG = Path(__file__).with_name("log4j2.properties")
_LOCAL_CONF = {
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.memory": LOCAL_DRIVER_MEMORY,
    # Few cores: a handful of shuffle partitions, which adaptive execution merges further (not 200 tiny tasks).
    "spark.sql.shuffle.partitions": str(max(2, 2 * (os.cpu_count() or 1))),
    "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={LOG_CONFIG.as_uri()}",
}


class SparkUnavailable(ClameurError, RuntimeError):
    """Spark cannot run here: pyspark missing, Java missing, or the master / remote server not reachable."""


def is_local(master: str | None) -> bool:
    return (master or DEFAULT_MASTER).split("[", 1)[0] in ("local", "local-cluster")


def runs_here(spark: SparkSession) -> bool:
    """Whether the session's executors run on this machine: its own master, not the one asked for (``start`` may
    return a session already running, a notebook's on a cluster)."""
    return is_local(spark.conf.get("spark.master", None))


def _pyspark():
    try:
        with warnings.catch_warnings():
            # pyspark 4.3 warns at import that it does not yet "fully support" pandas 3: Clameur hands it Arrow.
            warnings.filterwarnings("ignore", message=".*pandas >= 3.*", category=FutureWarning)
            from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkUnavailable("spark_engine.missing") from exc
    return SparkSession


def start(master: str | None = None, remote: str | None = None, app_name: str = "clameur-import") -> SparkSession:
    """A running session; the active one of this process when there is one (a test's, a notebook's)."""
    session_class = _pyspark()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*pandas >= 3.*", category=FutureWarning)
        active = session_class.getActiveSession()
        if active is not None:
            return active
        try:
            if remote:  # the server's own settings stand, but for the SQL ones (time zone, partitions…)
                builder = session_class.builder.remote(remote).appName(app_name)
                conf = {**_CONF, **(_LOCAL_CONF if is_local(remote) else {})}
                for key, value in conf.items():
                    if key.startswith("spark.sql."):
                        builder = builder.config(key, value)
                spark = builder.getOrCreate()
                _quiet_python_loggers()
                return spark
            if is_local(master):  # the driver on the loopback address, and Spark told so (no warning about it)
                os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            builder = session_class.builder.master(master or DEFAULT_MASTER).appName(app_name)
            for key, value in {**_CONF, **(_LOCAL_CONF if is_local(master) else {})}.items():
                builder = builder.config(key, value)
            spark = builder.getOrCreate()
        except Exception as exc:  # pyspark says why in a Java or gRPC traceback: keep its first line
            raise _unavailable(exc, master, remote) from exc
    spark.sparkContext.setLogLevel("WARN")
    _quiet_python_loggers()
    return spark


def _quiet_python_loggers() -> None:
    """pyspark logs every failed query's context (a JSON traceback) before raising it; Clameur says it as a
    sentence."""
    from pyspark.logger import PySparkLogger

    for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
        PySparkLogger.getLogger(name).setLevel(logging.CRITICAL + 1)


def _unavailable(exc: Exception, master: str | None, remote: str | None) -> SparkUnavailable:
    text = str(exc)
    if "JAVA_GATEWAY_EXITED" in text or "JAVA_HOME" in text or ("java" in text.lower() and "not found" in text):
        return SparkUnavailable("spark_engine.no_java")
    where = remote or master or DEFAULT_MASTER
    return SparkUnavailable("spark_engine.unreachable", where=where, reason=first_line(text))


def first_line(text: str, limit: int = 300) -> str:
    line = next((s.strip() for s in str(text).splitlines() if s.strip()), "")
    return line[:limit] + ("…" if len(line) > limit else "")


@contextmanager
def said_as_sentence() -> Iterator[None]:
    """Spark's own failures (a lost executor, a file gone, memory exhausted: Java or gRPC errors) as a sentence; a
    Python error of Clameur's stays a traceback, a bug to be seen."""
    from py4j.protocol import Py4JError
    from pyspark.errors import PySparkException

    try:
        yield
    except (PySparkException, Py4JError) as exc:
        raise SparkUnavailable("spark_engine.failed", reason=first_line(str(exc))) from exc


@contextmanager
def session(master: str | None = None, remote: str | None = None) -> Iterator[SparkSession]:
    """A session for the block; stopped after it unless it was already running (a test's shared session)."""
    session_class = _pyspark()
    already = session_class.getActiveSession() is not None
    spark = start(master, remote)
    try:
        yield spark
    finally:
        if not already:
            spark.stop()
