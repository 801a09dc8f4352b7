"""The learned event-type classifier: for a sentence, the probability of each PLOVER v0.8 type
(and NONE) and of each ACLED sub-event type (and none).

- `model.py`: `TypeModel`, loaded once per process from the weights shipped in `weights/` (or a
  folder made by `eventwire train`), and `Prediction`.
- `training.py`: reading labelled data (the project's corpus, an ACLED export, PLOVER-typed
  sentences), fitting the model, scoring it on a dev part.
- The rules and the model are combined in the events stage: extract/events/decide.py.

The model is TF-IDF word and character n-grams with one logistic-regression head per label set
(scikit-learn), chosen by measurement over sentence embeddings (see the README's "Event types"
section). It is trained by training/train.py from training/corpus/ and the real data sets whose
licences allow it; nothing is downloaded at run time.
"""
from .model import Prediction, TypeModel, load_model

__all__ = ["Prediction", "TypeModel", "load_model"]
