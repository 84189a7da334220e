from jixiao.web.targets.forms.bulk_import import TargetTableImportForm
from jixiao.web.targets.forms.model_forms import (
    EDITABLE_INDICATOR_FIELDS,
    IndicatorForm,
    IndicatorFormSet,
    TargetTableForm,
    parsed_value_fields,
)
from jixiao.web.targets.forms.new_table import NewTableForm

__all__ = [
    "EDITABLE_INDICATOR_FIELDS",
    "IndicatorForm",
    "IndicatorFormSet",
    "NewTableForm",
    "TargetTableForm",
    "TargetTableImportForm",
    "parsed_value_fields",
]
