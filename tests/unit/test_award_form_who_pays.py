"""The award form reads who pays (department, accounting officer) into the API's input, and
refuses an office too long to record beside its field, in words."""

import pytest

from service.web.award_order import TOO_LONG, award_in
from service.web.forms import Refused

FORM = {"claimant": "S-2021-0001", "respondent": "Attorney General", "general_amount": "500,000"}


def test_who_pays_reaches_the_use_case() -> None:
    order = award_in(
        FORM
        | {
            "department": " National Police Service ",
            "accounting_officer": "Inspector-General of the National Police Service",
        },
        str,
    ).order()
    assert order.department == "National Police Service"
    assert order.accounting_officer == "Inspector-General of the National Police Service"


def test_an_office_too_long_is_refused_beside_its_field() -> None:
    with pytest.raises(Refused) as refused:
        award_in(FORM | {"accounting_officer": "x" * 201}, str)
    assert refused.value.errors == {"accounting_officer": TOO_LONG}
