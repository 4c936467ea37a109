"""Progress of the pipeline stages: items done / total, rate and time left.

The hook is called from flow bodies, between batches, never from inside a task: tasks may run in
other processes, the flow body always runs where the command was started. A flow wraps its batch
list in `track(stage, batches, total, unit)`; with no reporter installed (tests, library use)
that is a plain iteration. The CLI installs one with `reporting(...)`: a live rich display on a
terminal, plain log lines otherwise.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Protocol, TextIO, TypeVar

T = TypeVar("T")

# What the pipeline runs after the batched stages (entity resolution, event merging, stories,
# the warehouse load), shown as "running" until the run returns.
AFTER_STAGE = {"extract": ("resolve+load", "step")}

# Plain log lines: at most one per stage every this many seconds (plus start and end), so a
# long run in a CI log or `nohup` file stays readable.
LOG_INTERVAL_SECONDS = 10.0


class Reporter(Protocol):
    def start(self, stage: str, total: int | None, unit: str) -> None: ...
    def advance(self, stage: str, done: int) -> None: ...
    def finish(self, stage: str) -> None: ...


_reporter: Reporter | None = None


@contextmanager
def reporting(reporter: Reporter) -> Iterator[Reporter]:
    """Send the progress of every `track` inside the block to `reporter`."""
    global _reporter
    previous, _reporter = _reporter, reporter
    try:
        yield reporter
    finally:
        _reporter = previous


def track(stage: str, batches: Iterable[T], total: int, unit: str, size: Callable[[T], int] = len) -> Iterator[T]:
    """Each batch in turn; once the caller has processed one, `size(batch)` more units are done."""
    reporter = _reporter
    if reporter is None:
        yield from batches
        return
    reporter.start(stage, total, unit)
    for batch in batches:
        yield batch
        reporter.advance(stage, size(batch))
    reporter.finish(stage)


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


class LogReporter:
    """Plain lines ("extract: 800/2000 articles (40%), 3.1 articles/s, about 6m27s left") for logs."""

    def __init__(self, stream: TextIO | None = None, clock: Callable[[], float] = time.monotonic,
                 interval: float = LOG_INTERVAL_SECONDS) -> None:
        self.stream = stream or sys.stderr
        self.clock = clock
        self.interval = interval
        self.stages: dict[str, dict] = {}

    def _line(self, text: str) -> None:
        print(f"dateline: {text}", file=self.stream, flush=True)

    def start(self, stage: str, total: int | None, unit: str) -> None:
        now = self.clock()
        self.stages[stage] = {"total": total, "unit": unit, "done": 0, "started": now, "logged": now}
        self._line(f"{stage}: started, {total} {unit}" if total is not None else f"{stage}: started")

    def advance(self, stage: str, done: int) -> None:
        state = self.stages[stage]
        state["done"] += done
        now = self.clock()
        if now - state["logged"] >= self.interval and state["done"] < (state["total"] or 0):
            state["logged"] = now
            self._line(self.status(stage, now))

    def status(self, stage: str, now: float) -> str:
        state = self.stages[stage]
        done, total, unit = state["done"], state["total"], state["unit"]
        elapsed = max(now - state["started"], 1e-9)
        rate = done / elapsed
        text = f"{stage}: {done}/{total} {unit} ({100 * done // max(total, 1)}%), {rate:.1f} {unit}/s"
        if rate > 0 and total > done:
            text += f", about {_duration((total - done) / rate)} left"
        return text

    def finish(self, stage: str) -> None:
        state = self.stages[stage]
        elapsed = self.clock() - state["started"]
        if state["total"] is None:
            self._line(f"{stage}: done in {_duration(elapsed)}")
        else:
            rate = state["done"] / max(elapsed, 1e-9)
            self._line(f"{stage}: done, {state['done']} {state['unit']} in {_duration(elapsed)} "
                       f"({rate:.1f} {state['unit']}/s)")
        if stage in AFTER_STAGE:
            self.start(AFTER_STAGE[stage][0], None, AFTER_STAGE[stage][1])

    def close(self) -> None:
        for stage, state in list(self.stages.items()):
            if state["total"] is None and not state.get("closed"):
                state["closed"] = True
                self.finish(stage)


class RichReporter:
    """A live bar per stage on a terminal: done/total, rate, elapsed and time left."""

    def __init__(self, console=None) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskProgressColumn,
                                   TextColumn, TimeElapsedColumn, TimeRemainingColumn)

        self.progress = Progress(
            SpinnerColumn(finished_text="[green]✓"),
            TextColumn("{task.description:<8}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[unit]}"),
            TaskProgressColumn(),
            TextColumn("[cyan]{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("elapsed,"),
            TimeRemainingColumn(),
            TextColumn("left"),
            console=console or Console(stderr=True),
        )
        self.tasks: dict[str, int] = {}
        self.progress.start()

    def start(self, stage: str, total: int | None, unit: str) -> None:
        self.tasks[stage] = self.progress.add_task(stage, total=total, unit=unit, rate="")

    def advance(self, stage: str, done: int) -> None:
        task_id = self.tasks[stage]
        self.progress.advance(task_id, done)
        speed = self.progress.tasks[task_id].speed
        unit = self.progress.tasks[task_id].fields["unit"]
        self.progress.update(task_id, rate=f"{speed:.1f} {unit}/s" if speed else "")

    def finish(self, stage: str) -> None:
        task_id = self.tasks[stage]
        task = self.progress.tasks[task_id]
        unit = task.fields["unit"]
        if not task.total:  # no batches (load), or nothing to do
            self.progress.update(task_id, total=1, completed=1)
        elif task.elapsed:  # the whole stage's mean rate stays on screen
            self.progress.update(task_id, rate=f"{task.completed / task.elapsed:.1f} {unit}/s")
        self.progress.stop_task(task_id)
        if stage in AFTER_STAGE:
            self.start(AFTER_STAGE[stage][0], None, AFTER_STAGE[stage][1])

    def close(self) -> None:
        for stage, task_id in self.tasks.items():
            if not self.progress.tasks[task_id].finished:
                self.progress.update(task_id, total=1, completed=1)
        self.progress.stop()


def reporter_for(stream: TextIO) -> LogReporter | RichReporter:
    """A live display when `stream` is a terminal, plain log lines otherwise."""
    return RichReporter() if stream.isatty() else LogReporter(stream)
