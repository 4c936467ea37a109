"""Progress reporting: what a terminal and a log file show while the stages run."""

from __future__ import annotations

import io

from rich.console import Console

from flows import progress


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_without_a_reporter_track_is_plain_iteration():
    assert list(progress.track("extract", [[1, 2], [3]], 3, "articles")) == [[1, 2], [3]]


def test_log_lines_give_done_total_rate_and_time_left():
    given_stream, clock = io.StringIO(), FakeClock()
    reporter = progress.LogReporter(given_stream, clock=clock, interval=5)
    batches = [list(range(100))] * 4
    with progress.reporting(reporter):
        for _ in progress.track("extract", batches, 400, "articles"):
            clock.now += 10  # each batch of 100 takes 10 s
    reporter.close()
    lines = given_stream.getvalue().splitlines()
    assert lines[0] == "dateline: extract: started, 400 articles"
    assert lines[1] == "dateline: extract: 100/400 articles (25%), 10.0 articles/s, about 30s left"
    assert lines[3] == "dateline: extract: 300/400 articles (75%), 10.0 articles/s, about 10s left"
    assert lines[4] == "dateline: extract: done, 400 articles in 40s (10.0 articles/s)"
    # load runs after extract without batches: shown as started, and done when the run ends
    assert lines[5] == "dateline: resolve+load: started"
    assert lines[6] == "dateline: resolve+load: done in 0s"
    assert len(lines) == 7


def test_log_lines_are_throttled_for_fast_batches():
    given_stream, clock = io.StringIO(), FakeClock()
    reporter = progress.LogReporter(given_stream, clock=clock, interval=10)
    with progress.reporting(reporter):
        for _ in progress.track("clean", [[0]] * 50, 50, "documents"):
            clock.now += 1
    lines = given_stream.getvalue().splitlines()
    # start, one line per 10 s of the 50 s (the last one is the "done" line), done
    assert len(lines) == 1 + 4 + 1
    assert lines[-1].startswith("dateline: clean: done, 50 documents in 50s")


def test_durations_read_as_minutes_and_hours():
    assert [progress._duration(s) for s in (5, 75, 3725)] == ["5s", "1m15s", "1h02m"]


def test_reporter_is_restored_after_the_block():
    with progress.reporting(progress.LogReporter(io.StringIO())):
        pass
    assert progress._reporter is None


def test_terminal_shows_a_bar_with_counts_and_rate():
    given_screen = io.StringIO()
    console = Console(file=given_screen, force_terminal=True, width=140, color_system=None)
    reporter = progress.RichReporter(console)
    with progress.reporting(reporter):
        for _ in progress.track("extract", [[0] * 30, [0] * 30], 60, "articles"):
            pass
    reporter.close()
    screen = given_screen.getvalue()
    assert "extract" in screen and "60/60" in screen and "articles" in screen and "load" in screen
    assert reporter.progress.tasks[0].completed == 60 and all(t.finished for t in reporter.progress.tasks)


def test_reporter_for_a_pipe_is_plain_lines():
    assert isinstance(progress.reporter_for(io.StringIO()), progress.LogReporter)
