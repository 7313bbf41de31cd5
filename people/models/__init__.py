"""The people side's models, one module per part; each part's models are imported here."""

from .agents import ChangeAgent
from .training import ReadinessSettings, TrainingActivity

__all__ = ["ChangeAgent", "ReadinessSettings", "TrainingActivity"]
