"""The API's routes: each one's access rule and a request that succeeds for those it admits."""

from datetime import UTC, datetime, timedelta

from tests.e2e.authorisation.builders import (
    accept_the_referral,
    add_a_partner,
    add_account,
    certify_costs_taxed_later,
    check_an_import,
    correct_a_violation,
    download_a_document,
    on_a_violation,
    reactivate_a_partner,
    read_an_examination,
    record_an_examination,
    reverse_a_disbursement,
    reverse_the_payment,
    serve_the_certificate_of_costs,
    upload_to_the_examination,
)
from tests.e2e.authorisation.record_requests import (
    VIOLATION,
    add_a_violation_type,
    ask_where_the_case_is,
    change_someones_role,
    chase_the_whole_case,
    dial_the_office,
    disable_someone,
    issue_a_status_code,
    list_the_status_codes,
    mark_the_message_read,
    open_a_case,
    opt_out_at_the_gateway,
    read_a_feed,
    read_a_violation,
    record_an_award,
    refer_the_claimant,
    renew_the_status_code,
    report_a_delivery,
    reset_someones_password,
    revoke_the_status_code,
    set_someones_addresses,
    text_the_office,
)
from tests.e2e.authorisation.world import Build, Multipart, route

NEXT_MONTH = (datetime.now(UTC) + timedelta(days=30)).isoformat()

# route key -> (what the access rules promise, how to make a request that would succeed)
API: dict[str, tuple[str, Build]] = {
    "live": ("public", route("GET", "/health/live")),
    "ready": ("public", route("GET", "/health/ready")),
    "AuthController.login": (
        "public",
        route(
            "POST",
            "/auth/login",
            {"username": "test.viewer", "password": "viewer-password-for-tests"},
        ),
    ),
    "AuthController.logout": ("signed_in", route("POST", "/auth/logout")),
    "AuthController.me": ("signed_in", route("GET", "/auth/me")),
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
    "SurvivorController.register": (
        "staff",
        route("POST", "/survivors", {"full_name": "New Person"}),
    ),
    "SurvivorController.get": ("survivor_personal", route("GET", "/survivors/{code}")),
    "ViolationController.record": (
        "survivor_personal",
        route("POST", "/survivors/{code}/violations", VIOLATION),
    ),
    "ViolationController.of_survivor": (
        "survivor_personal",
        route("GET", "/survivors/{code}/violations"),
    ),
    "ViolationController.get_violation": ("survivor_personal", read_a_violation),
    "ViolationController.of_case": ("case_read", route("GET", "/cases/{case}/violations")),
    "ViolationController.change_violation": ("survivor_personal", correct_a_violation),
    "ViolationController.link_case": (
        "survivor_personal",
        on_a_violation("POST", "/violations/{v}/cases/{case}"),
    ),
    "ViolationController.unlink_case": (
        "survivor_personal",
        on_a_violation("DELETE", "/violations/{v}/cases/{case}"),
    ),
    "upload_violation_document": (
        "survivor_personal",
        on_a_violation("POST", "/violations/{v}/documents", Multipart(kind="medical_report")),
    ),
    "violation_documents": (
        "survivor_personal",
        on_a_violation("GET", "/violations/{v}/documents"),
    ),
    "PartnerController.set_active": ("admin", reactivate_a_partner),
    "ViolationTypeController.list_types": ("signed_in", route("GET", "/violation-types")),
    "ReferralController.refer": ("survivor_personal", refer_the_claimant),
    "ReferralController.of_survivor": (
        "survivor_personal",
        route("GET", "/survivors/{code}/referrals"),
    ),
    "ReferralController.step": ("survivor_personal", accept_the_referral),
    "PartnerController.list_partners": ("signed_in", route("GET", "/referral-partners")),
    "PartnerController.add_partner": ("admin", add_a_partner),
    "ViolationTypeController.add_type": ("admin", add_a_violation_type),
    "ViolationReportController.figures": (
        "signed_in",
        route("GET", "/reports/violations?format=csv&table=county_agency"),
    ),
    "ViolationReportController.chart": (
        "signed_in",
        route("GET", "/reports/violations/chart.svg?lang=sw"),
    ),
    "UserController.list_users": ("admin", route("GET", "/users")),
    "UserController.add": ("admin", add_account),
    "UserController.disable": ("admin", disable_someone),
    "UserController.change_role": ("admin", change_someones_role),
    "UserController.reset_password": ("admin", reset_someones_password),
    "AuditController.search": ("admin", route("GET", "/audit")),
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
    "SurvivorContactController.add": (
        "survivor_personal",
        route(
            "POST",
            "/survivors/{code}/contacts",
            {"name": "Mama", "relationship": "mother", "language": "sw", "channel": "log"},
        ),
    ),
    "SurvivorContactController.of_survivor": (
        "survivor_personal",
        route("GET", "/survivors/{code}/contacts"),
    ),
    "ContactController.get_contact": ("contact_personal", route("GET", "/contacts/{contact}")),
    "ContactController.update": (
        "contact_personal",
        route("PATCH", "/contacts/{contact}", {"version": 2, "language": "en"}),
    ),
    "ContactController.record_consent": (
        "contact_personal",
        route("POST", "/contacts/{contact}/consent", {}),
    ),
    "ContactController.withdraw_consent": (
        "contact_personal",
        route("DELETE", "/contacts/{contact}/consent"),
    ),
    "StatusCodeController.issue": ("case_personal", issue_a_status_code),
    "StatusCodeController.revoke": ("case_personal", revoke_the_status_code),
    "StatusCodeController.renew": ("case_personal", renew_the_status_code),
    "StatusCodeController.codes": ("case_personal", list_the_status_codes),
    "family_status": ("public", ask_where_the_case_is),
    # an empty body clears: the shared test accounts keep no address
    "my_contact_details": ("signed_in", route("PUT", "/auth/me/contact-details", {})),
    "user_contact_details": ("admin", set_someones_addresses),
    "sms_delivery_report": ("public", report_a_delivery),
    "ussd_session": ("public", dial_the_office),
    "text_from_a_phone": ("public", text_the_office),
    "opt_out_from_the_gateway": ("public", opt_out_at_the_gateway),
    "FamilyMessageController.of_case": (
        "case_personal",
        route("GET", "/cases/{case}/family-messages"),
    ),
    "FamilyMessageController.mark_read": ("case_personal", mark_the_message_read),
    "MetricsController.get": ("admin", route("GET", "/metrics")),
    "ReportController.time_to_payment": ("signed_in", route("GET", "/reports/time-to-payment")),
    "ReportController.time_to_payment_by_respondent": (
        "signed_in",
        route("GET", "/reports/time-to-payment/by-respondent"),
    ),
    "ReportController.pipeline": ("signed_in", route("GET", "/reports/pipeline")),
    "ReportController.unpaid_chart": ("signed_in", route("GET", "/reports/unpaid/chart.svg")),
    "ReportController.outstanding_chart": (
        "signed_in",
        route("GET", "/reports/outstanding-over-time/chart.svg"),
    ),
    "unpaid_report": ("signed_in", route("GET", "/reports/unpaid")),
    "unpaid_award_list": ("signed_in", route("GET", "/reports/unpaid/awards?sort=outstanding")),
    "import_records": ("admin", check_an_import),
    "import_template": ("admin", route("GET", "/imports/cases/template.csv")),
    "full_export": ("admin", route("GET", "/exports/full.zip")),
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
