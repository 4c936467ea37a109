"""benchmarks/clean.py: given no shared corpus, expect a clean skip; its scorer on tiny texts."""

from __future__ import annotations

from pathlib import Path

from benchmarks import clean as bench


def test_benchmark_skips_cleanly_without_the_shared_corpus(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(bench, "CANDIDATES", (tmp_path / "missing" / "corpus",))
    assert bench.main([]) == 0
    assert "not available" in capsys.readouterr().out


def test_shingle_scores_and_rendering():
    p, r, f = bench.prf("one two three four five", "one two three four five six seven")
    assert (p, round(r, 2)) == (1.0, 0.5) and round(f, 3) == 0.667
    html = b"<html><head><title>t</title><script>var x=1;</script></head><body><nav><a>Home</a></nav>" \
           b"<p>First <b>para</b>.</p><div style='display:none'>hidden</div><p>Second.</p></body></html>"
    assert bench.rendered_text(html, blank_between_blocks=False) == "Home\nFirst para.\nSecond."
    assert Path(bench.__file__).name == "clean.py"
