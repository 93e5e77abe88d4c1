"""The pages' routes under /web: each one's access rule and a request a person would send."""

from tests.e2e.authorisation.builders import (
    accept_by_form,
    add_a_violation_type_by_form,
    add_account,
    check_an_import_on_the_page,
    correct_a_violation_by_form,
    import_a_checked_file,
    link_by_form,
    on_a_violation,
    reactivate_by_form,
    record_an_examination_on_the_page,
    refer_by_form,
    reverse_a_disbursement,
    reverse_the_payment,
    upload_on_the_page,
)
from tests.e2e.authorisation.record_requests import (
    change_someones_role,
    disable_someone,
    issue_a_status_code,
    mark_the_message_read,
    open_a_case,
    record_an_award_by_form,
    reset_someones_password,
    revoke_the_status_code_by_form,
)
from tests.e2e.authorisation.world import NEXT_MONTH, Build, Form, Multipart, World, route


async def open_a_case_in_the_browser(w: World) -> tuple[str, str, Form]:
    _, _, body = await open_a_case(w)
    fields = {k: v for k, v in body.items() if isinstance(v, str)}
    return "POST", "/web/cases/new", Form(fields, claimants=w.code, respondents="Attorney General")


def in_the_browser(build: Build) -> Build:
    """The same request to the page route beside the API's (under /web), sent as a form."""

    async def paged(w: World) -> tuple[str, str, Form]:
        method, path, body = await build(w)
        return method, "/web" + path, Form(body or {})

    return paged


async def lead_by_form(w: World) -> tuple[str, str, Form]:
    """The teammate made lead counsel, by the team page's form."""
    return "POST", f"/web/cases/{w.case_id}/team", Form(user_id=str(w.teammate), lead="yes")


def posted_in_the_browser(build: Build) -> Build:
    """As `in_the_browser`, for an API route a page form does with POST (forms know no PUT)."""

    async def posted(w: World) -> tuple[str, str, Form]:
        _, path, body = await in_the_browser(build)(w)
        return "POST", path, body

    return posted


# the browser interface (service/web/): its forms are posted form-encoded; a signed-in request
# with a Bearer header needs no form token (only the session cookie is guarded by one)
PAGES: dict[str, tuple[str, Build]] = {
    "front_door": ("public", route("GET", "/")),
    "SessionPages.login_form": ("public", route("GET", "/web/login")),
    "SessionPages.login": (
        "public",
        route(
            "POST",
            "/web/login",
            Form(username="test.viewer", password="viewer-password-for-tests"),
        ),
    ),
    "SessionPages.logout": ("signed_in", route("POST", "/web/logout", Form())),
    "SessionPages.choose_language": ("public", route("GET", "/web/language/sw")),
    "SessionPages.asset": ("public", route("GET", "/web/static/haki.css")),
    "WeekPage.my_week": ("signed_in", route("GET", "/web/")),
    "CasePage.case_page": ("case_read", route("GET", "/web/cases/{case}")),
    "CasePage.record_step": (
        "case_change",
        route("POST", "/web/cases/{fresh}/steps", Form(trigger="withdraw", version="1")),
    ),
    "CasePage.schedule": (
        "case_change",
        route("POST", "/web/cases/{case}/hearings", Form(starts_at=NEXT_MONTH, purpose="mention")),
    ),
    "CasePage.give_notice": (
        "case_change",
        route(
            "POST",
            "/web/cases/{case}/notices-to-sue",
            Form(served_on="2021-03-01", served_on_whom="the Attorney General"),
        ),
    ),
    "CasePage.adjourn": (
        "case_change",
        route(
            "POST",
            "/web/hearings/{past}/adjourn",
            Form(version="1", reason="the file was missing", next_starts_at=NEXT_MONTH),
        ),
    ),
    "CasePage.held": (
        "case_change",
        route("POST", "/web/hearings/{past}/held", Form(version="1", outcome="directions given")),
    ),
    "CaseList.case_list": ("signed_in", route("GET", "/web/cases?stage=hearing&q=HAKI")),
    "CaseList.case_list_csv": ("signed_in", route("GET", "/web/cases.csv?q=HAKI&sort=stage")),
    "UnpaidPage.unpaid": ("signed_in", route("GET", "/web/unpaid")),
    "ViolationPages.violations_page": (
        "survivor_personal",
        route("GET", "/web/survivors/{code}/violations"),
    ),
    "ViolationPages.record": (
        "survivor_personal",
        route(
            "POST",
            "/web/survivors/{code}/violations",
            Form(year="2024", county="Nyeri", types="torture", agency="gsu"),
        ),
    ),
    "ViolationFiguresPage.figures_page": ("signed_in", route("GET", "/web/violations/figures")),
    "PartnersPage.partners_page": ("admin", route("GET", "/web/admin/partners")),
    "PartnersPage.add_partner": (
        "admin",
        route("POST", "/web/admin/partners", Form(name="Partner by form", kind="legal_aid")),
    ),
    "ReferralPages.refer": ("survivor_personal", refer_by_form),
    "ViolationPage.violation_page": (
        "survivor_personal",
        on_a_violation("GET", "/web/violations/{v}"),
    ),
    "ViolationPage.change": ("survivor_personal", correct_a_violation_by_form),
    "ViolationPage.link": (
        "survivor_personal",
        link_by_form,
    ),
    "ViolationPage.unlink": (
        "survivor_personal",
        on_a_violation("POST", "/web/violations/{v}/cases/{case}/unlink", Form()),
    ),
    "upload_on_violation_page": (
        "survivor_personal",
        on_a_violation("POST", "/web/violations/{v}/documents", Multipart(kind="photograph")),
    ),
    "VocabularyPage.vocabulary_page": ("admin", route("GET", "/web/admin/violation-types")),
    "VocabularyPage.add_type": ("admin", add_a_violation_type_by_form),
    "import_page": ("admin", route("GET", "/web/imports")),
    "check_import_file": ("admin", check_an_import_on_the_page),
    "import_checked_file": ("admin", import_a_checked_file),
    "PartnersPage.set_active": ("admin", reactivate_by_form),
    "ReferralPages.step": ("survivor_personal", accept_by_form),
    "UnpaidListPage.unpaid_list": ("signed_in", route("GET", "/web/unpaid/awards")),
    "CalendarPage.calendar": ("signed_in", route("GET", "/web/calendar")),
    "CalendarPage.new_feed": ("signed_in", route("POST", "/web/calendar/feed", Form())),
    "CalendarPage.close_feed": ("signed_in", route("POST", "/web/calendar/close", Form())),
    "AwardOrderForm.record_award": ("case_change", record_an_award_by_form),
    "AwardForms.record_step": (
        "case_change",
        route("POST", "/web/awards/{award}/steps", Form(trigger="stay", version="5")),
    ),
    "AwardForms.receive": (
        "case_change",
        route(
            "POST",
            "/web/awards/{award}/payments",
            Form(received_on="2024-07-01", amount="1000.00", payer="Treasury", reference="R"),
        ),
    ),
    "AwardForms.log_follow_up": (
        "case_change",
        route(
            "POST",
            "/web/awards/{award}/follow-ups",
            Form(on="2024-07-01", kind="letter", reference="AG/FU/1"),
        ),
    ),
    "CaseChaseForm.log_follow_up": (
        "case_change",
        route(
            "POST",
            "/web/cases/{case}/follow-ups",
            Form(on="2024-07-01", kind="visit", reference="AG/FU/3"),
        ),
    ),
    "NewCase.new_case_form": ("staff", route("GET", "/web/cases/new")),
    "NewCase.register_survivor": (
        "staff",
        route("POST", "/web/survivors", Form(full_name="Matrix Survivor")),
    ),
    "NewCase.open_case": ("names_survivor", open_a_case_in_the_browser),
    "AwardLedger.ledger_page": ("case_personal", route("GET", "/web/awards/{award}/ledger")),
    "AwardLedger.disburse": (
        "case_change",
        route(
            "POST",
            "/web/awards/{award}/disbursements",
            Form(
                paid_on="2024-06-03",
                amount="100.00",
                method="mpesa",
                beneficiary="B",
                reference="R",
            ),
        ),
    ),
    "AwardLedger.settle": (
        "case_change",
        route(
            "POST",
            "/web/awards/{award}/settlement",
            Form(settled_on="2024-07-01", amount="50000.00", terms="Consent recorded"),
        ),
    ),
    "AwardLedger.reverse_payment": ("case_change", in_the_browser(reverse_the_payment)),
    "AdminHome.admin_home": ("admin", route("GET", "/web/admin")),
    "UsersPage.users": ("admin", route("GET", "/web/users")),
    "UsersPage.add_user": ("admin", in_the_browser(add_account)),
    "UsersPage.change_role": ("admin", posted_in_the_browser(change_someones_role)),
    "UsersPage.reset_password": ("admin", in_the_browser(reset_someones_password)),
    "UsersPage.disable_user": ("admin", in_the_browser(disable_someone)),
    "CaseDetailsPage.edit_form": ("case_change", route("GET", "/web/cases/{case}/edit")),
    "CaseDetailsPage.change_details": (
        "case_change",
        route("POST", "/web/cases/{fresh}/edit", Form(version="1", title="M v Attorney General")),
    ),
    "ReminderRulesPage.reminder_rules": ("admin", route("GET", "/web/reminder-rules")),
    "ReminderRulesPage.add_rule": (
        "admin",
        route("POST", "/web/reminder-rules", Form(audience="team", days_before="2")),
    ),
    "ReminderRulesPage.remove_rule": (
        "admin",
        route("POST", "/web/reminder-rules/remove", Form(place="0")),
    ),
    "AuditPage.audit_trail": ("admin", route("GET", "/web/audit?record_type=case")),
    "TeamPage.team_page": ("admin", route("GET", "/web/cases/{case}/team")),
    "TeamPage.add_member": ("admin", lead_by_form),
    "TeamPage.remove_member": (
        "admin",
        route("POST", "/web/cases/{case}/team/{teammate}/remove", Form()),
    ),
    "AwardLedger.reverse_disbursement": ("case_change", in_the_browser(reverse_a_disbursement)),
    "CasePage.mark_family_message_read": ("case_personal", in_the_browser(mark_the_message_read)),
    "upload_on_case_page": ("case_change", upload_on_the_page),
    "ExaminationForm.record_examination": ("case_change", record_an_examination_on_the_page),
    "ContactsPage.contacts": ("survivor_personal", route("GET", "/web/survivors/{code}/contacts")),
    "ContactsPage.add_contact": (
        "survivor_personal",
        route(
            "POST",
            "/web/survivors/{code}/contacts",
            Form(
                name="Matrix Contact",
                relationship="brother",
                language="sw",
                channel="sms",
                phone="0712 345 678",
                quiet_from="21:00",
                quiet_until="07:00",
            ),
        ),
    ),
    "ContactsPage.change_contact": (
        "contact_personal",
        route(
            "POST",
            "/web/contacts/{contact}",
            Form(
                version="2",
                name="Matrix Contact",
                relationship="mother",
                language="en",
                channel="sms",
                phone="0712 345 678",
                quiet_from="21:00",
                quiet_until="07:00",
            ),
        ),
    ),
    "ContactsPage.record_consent": (
        "contact_personal",
        route("POST", "/web/contacts/{contact}/consent", Form(way="in_person")),
    ),
    "ContactsPage.withdraw_consent": (
        "contact_personal",
        route("POST", "/web/contacts/{contact}/consent/withdraw", Form()),
    ),
    # the contact in the body: one of another case's survivor answers as an unknown one (404)
    "ContactsPage.issue_code": ("case_personal", in_the_browser(issue_a_status_code)),
    "ContactsPage.revoke_code": ("case_personal", revoke_the_status_code_by_form),
}
