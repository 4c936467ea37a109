"""The models dateline loads from installed packages, each once per process: spaCy's English
model as it ships, py3langid's language identifier and VADER's sentiment lexicon.

This module imports no polars (and nothing that does): multiprocessing's fork server imports
it (`worker_preload`) before forking the spaCy workers, and polars' threads do not survive a
fork.
"""

from __future__ import annotations

import functools

from transforms import settings


@functools.cache
def spacy_model():
    """`spacy.load` of the model, as it ships. `nlp.pipeline` takes it and adds dateline's
    components (and clears this cache, so no one gets the changed object as the shipped one)."""
    import spacy

    return spacy.load(settings.SPACY_MODEL)


@functools.cache
def language_identifier():
    """py3langid's model (shipped in the wheel), with probabilities normalised to 0..1."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@functools.cache
def sentiment_analyzer():
    """VADER's analyzer (its lexicon ships in the vaderSentiment wheel)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()
