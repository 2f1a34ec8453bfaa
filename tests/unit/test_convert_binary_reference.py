"""Binary cells (base64 text) and reference cells (``model,id``), as Odoo's
import takes them (issue 11, "Must work"); bad cells get a reason."""

import pytest
from data_jobs_io.convert import ConversionError, to_base64, to_reference

MODELS = {"res.partner": "Contact", "ir.actions.act_window": "Window Action"}


def test_base64_is_kept_without_line_breaks():
    assert to_base64("aGVs\nbG8=\n") == "aGVsbG8="
    assert to_base64("  ") is None


@pytest.mark.parametrize("value", ["not base64!", "aGVsbG8"])
def test_bad_base64_is_refused(value):
    with pytest.raises(ConversionError, match="is not base64"):
        to_base64(value)


def test_reference_is_model_and_id():
    assert to_reference("res.partner, 7", MODELS) == ("res.partner", 7)
    assert to_reference("", MODELS) is None


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("res.partner", "is not a reference"),
        ("res.partner,x", "is not a reference"),
        ("res.users,2", "is not a model this field may point to"),
    ],
)
def test_bad_reference_is_refused(value, reason):
    with pytest.raises(ConversionError, match=reason):
        to_reference(value, MODELS)
