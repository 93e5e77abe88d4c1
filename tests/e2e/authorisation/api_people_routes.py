"""The API's other routes (signing in, survivors' records and referrals, accounts and the audit,
families' contacts and phones, reports, imports and exports): each one's access rule and a
request that succeeds for those it admits."""

from tests.e2e.authorisation.builders import (
    accept_the_referral,
    add_a_partner,
    add_account,
    check_an_import,
    correct_a_violation,
    on_a_violation,
    reactivate_a_partner,
)
from tests.e2e.authorisation.record_requests import (
    VIOLATION,
    add_a_violation_type,
    ask_where_the_case_is,
    change_someones_role,
    dial_the_office,
    disable_someone,
    issue_a_status_code,
    list_the_status_codes,
    mark_the_message_read,
    opt_out_at_the_gateway,
    read_a_violation,
    refer_the_claimant,
    renew_the_status_code,
    report_a_delivery,
    reset_someones_password,
    revoke_the_status_code,
    set_someones_addresses,
    text_the_office,
)
from tests.e2e.authorisation.world import Build, Multipart, route

# route key -> (what the access rules promise, how to make a request that would succeed)
PEOPLE: dict[str, tuple[str, Build]] = {
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
}
