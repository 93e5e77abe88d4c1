"""The API's routes of the court record (cases and their teams, awards and their money, the
chase, hearings, notices, the calendar, documents and examinations): each one's access rule and
a request that succeeds for those it admits."""

from tests.e2e.authorisation.builders import (
    certify_costs_taxed_later,
    download_a_document,
    read_an_examination,
    record_an_examination,
    reverse_a_disbursement,
    reverse_the_payment,
    serve_the_certificate_of_costs,
    upload_to_the_examination,
)
from tests.e2e.authorisation.record_requests import (
    chase_the_whole_case,
    open_a_case,
    read_a_feed,
    record_an_award,
)
from tests.e2e.authorisation.world import NEXT_MONTH, Build, route

# route key -> (what the access rules promise, how to make a request that would succeed)
COURT: dict[str, tuple[str, Build]] = {
    "CaseController.list_cases": ("signed_in", route("GET", "/cases")),
    "CaseController.open_case": ("names_survivor", open_a_case),
    "CaseController.get_case": ("case_read", route("GET", "/cases/{case}")),
    "CaseController.allowed_steps": ("case_read", route("GET", "/cases/{case}/transitions")),
    "CaseController.history": ("case_read", route("GET", "/cases/{case}/events")),
    "CaseController.record_step": (
        "case_change",
        route("POST", "/cases/{fresh}/transitions", {"trigger": "withdraw", "version": 1}),
    ),
    "CaseController.change_details": (
        "case_change",
        route("PATCH", "/cases/{fresh}", {"version": 1, "title": "M v Attorney General"}),
    ),
    "CaseController.parties": ("case_personal", route("GET", "/cases/{case}/parties")),
    "TeamController.team": ("case_read", route("GET", "/cases/{case}/team")),
    "TeamController.add_member": (
        "admin",
        route("PUT", "/cases/{case}/team/{teammate}", {"lead": False}),
    ),
    "TeamController.remove_member": ("admin", route("DELETE", "/cases/{case}/team/{teammate}")),
    "CaseAwardController.record": ("case_change", record_an_award),
    "CaseAwardController.of_case": ("case_read", route("GET", "/cases/{case}/awards")),
    "AwardController.get_award": ("case_read", route("GET", "/awards/{award}")),
    "AwardController.allowed_steps": ("case_read", route("GET", "/awards/{award}/transitions")),
    "AwardController.history": ("case_read", route("GET", "/awards/{award}/events")),
    "AwardController.statement": ("case_read", route("GET", "/awards/{award}/statement")),
    "AwardController.record_step": (
        "case_change",
        route("POST", "/awards/{award}/transitions", {"trigger": "stay", "version": 5}),
    ),
    "AwardController.receive": (
        "case_change",
        route(
            "POST",
            "/awards/{award}/payments",
            {
                "received_on": "2024-07-01",
                "amount": "1000.00",
                "payer": "Treasury",
                "reference": "R",
            },
        ),
    ),
    "AwardController.disburse": (
        "case_change",
        route(
            "POST",
            "/awards/{award}/disbursements",
            {
                "paid_on": "2024-07-01",
                "amount": "500.00",
                "method": "mpesa",
                "beneficiary": "The survivor",
                "reference": "QX12AB34CD",
            },
        ),
    ),
    "AwardController.tax_costs": (
        "case_change",
        route(
            "POST",
            "/awards/{award}/costs",
            {"amount": "75000.00", "taxed_on": "2024-07-01", "certificate_ref": "CoC 12/2024"},
        ),
    ),
    "AwardController.settle": (
        "case_change",
        route(
            "POST",
            "/awards/{award}/settlement",
            {"settled_on": "2024-07-01", "amount": "50000.00", "terms": "Consent recorded"},
        ),
    ),
    "AwardController.certify_costs": ("case_change", certify_costs_taxed_later),
    "AwardController.serve_costs_certificate": ("case_change", serve_the_certificate_of_costs),
    "log_follow_up": (
        "case_change",
        route(
            "POST",
            "/awards/{award}/follow-ups",
            {"on": "2024-07-01", "kind": "letter", "reference": "AG/FU/1"},
        ),
    ),
    "log_case_follow_up_route": ("case_change", chase_the_whole_case),
    "award_follow_ups": ("case_read", route("GET", "/awards/{award}/follow-ups")),
    "reverse_payment": ("case_change", reverse_the_payment),
    "reverse_disbursement": ("case_change", reverse_a_disbursement),
    "award_ledger": ("case_personal", route("GET", "/awards/{award}/ledger")),
    "demand_letter_to_the_ag": (
        "case_personal",
        route("GET", "/awards/{award}/demand-letter?lang=sw"),
    ),
    "case_demand_letter_to_the_ag": (
        "case_personal",
        route("GET", "/cases/{case}/demand-letter?lang=sw"),
    ),
    "follow_ups_due": ("signed_in", route("GET", "/follow-ups/due")),
    "CaseHearingController.schedule": (
        "case_change",
        route("POST", "/cases/{case}/hearings", {"starts_at": NEXT_MONTH, "purpose": "mention"}),
    ),
    "CaseHearingController.of_case": ("case_read", route("GET", "/cases/{case}/hearings")),
    "NoticeController.give": (
        "case_change",
        route(
            "POST",
            "/cases/{case}/notices-to-sue",
            {"served_on": "2021-03-01", "served_on_whom": "the Attorney General"},
        ),
    ),
    "NoticeController.of_case": ("case_read", route("GET", "/cases/{case}/notices-to-sue")),
    "HearingController.cause_list": ("signed_in", route("GET", "/hearings")),
    "HearingController.get_hearing": ("case_read", route("GET", "/hearings/{hearing}")),
    "HearingController.reschedule": (
        "case_change",
        route(
            "POST",
            "/hearings/{hearing}/reschedule",
            {"version": 1, "starts_at": NEXT_MONTH, "reason": "the judge is on leave"},
        ),
    ),
    "HearingController.held": (
        "case_change",
        route("POST", "/hearings/{past}/held", {"version": 1, "outcome": "directions given"}),
    ),
    "HearingController.adjourn": (
        "case_change",
        route(
            "POST",
            "/hearings/{past}/adjourn",
            {"version": 1, "reason": "the file was missing", "next_starts_at": NEXT_MONTH},
        ),
    ),
    "HearingController.vacate": (
        "case_change",
        route("POST", "/hearings/{hearing}/vacate", {"version": 1, "reason": "settled"}),
    ),
    "ReminderRuleController.list_rules": ("signed_in", route("GET", "/reminder-rules")),
    "ReminderRuleController.replace_rules": (
        "admin",
        route("PUT", "/reminder-rules", [{"audience": "team", "days_before": 2}]),
    ),
    "CalendarController.issue": ("signed_in", route("POST", "/calendar/feed")),
    "CalendarController.revoke": ("signed_in", route("DELETE", "/calendar/feed")),
    "CalendarController.feed": ("public", read_a_feed),
    "upload_document": ("case_change", upload_to_the_examination),
    "case_documents": ("case_read", route("GET", "/cases/{case}/documents")),
    "download_document": ("case_personal", download_a_document),
    "CaseExaminationController.record": ("case_change", record_an_examination),
    "CaseExaminationController.of_case": (
        "case_personal",
        route("GET", "/cases/{case}/examinations"),
    ),
    "get_examination": ("case_personal", read_an_examination),
}
