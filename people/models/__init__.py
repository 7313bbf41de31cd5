"""The people side's models, one module per part; each is imported here so Django finds it."""

from .information import EmployeeInformation
from .involvement import InputItem, InvolvementActivity, InvolvementWarning

__all__ = ["EmployeeInformation", "InputItem", "InvolvementActivity", "InvolvementWarning"]
