"""Who may do what: every route's access rule in one table, and the roles each rule admits.

A route missing from POLICY is refused (service/auth/policy.py enforces the table), and the
authorisation matrix test fails. Kept apart from the guard so the table reads as one list.
"""

from enum import Enum

from domain.users import Role


class Rule(Enum):
    PUBLIC = "no sign-in"
    SIGNED_IN = "any signed-in user"
    CASE_LIST = "any role; a lawyer sees only the cases on whose team they are"
    ADMIN = "administrators"
    STAFF = "administrators and lawyers"
    CASE_READ = "any role; a lawyer only on the case's team"
    CASE_CHANGE = "administrators; lawyers on the case's team"
    CASE_PERSONAL = "administrators; lawyers on the case's team (personal data)"
    SURVIVOR_PERSONAL = "administrators; lawyers on a case of the survivor (personal data)"
    CONTACT_PERSONAL = "administrators; lawyers on a case of the contact's survivor (personal data)"
    AWARD_READ = "any role; a lawyer only on the team of the award's case"
    AWARD_CHANGE = "administrators; lawyers on the team of the award's case"
    AWARD_PERSONAL = "administrators; lawyers on the team of the award's case (personal data)"
    HEARING_READ = "any role; a lawyer only on the team of the hearing's case"
    HEARING_CHANGE = "administrators; lawyers on the team of the hearing's case"
    DOCUMENT_PERSONAL = (
        "administrators; lawyers on the team of the document's case, or for a violation "
        "record's document who may read the survivor's record (personal data)"
    )
    EXAMINATION_PERSONAL = (
        "administrators; lawyers on the team of the examination's case (personal data)"
    )
    SURVIVOR_RECORD = (
        "administrators; lawyers on a case of the survivor, or who registered them and no case "
        "names them yet (personal data)"
    )
    VIOLATION_PERSONAL = (
        "administrators; lawyers who may read the survivor's record (personal data)"
    )
    REFERRAL_CHANGE = "administrators; lawyers who may read the referred survivor's record"
    METRICS = "the metrics scraper with HAKI_METRICS_TOKEN as its bearer token; administrators"


POLICY: dict[str, Rule] = {
    "live": Rule.PUBLIC,
    "ready": Rule.PUBLIC,
    "AuthController.login": Rule.PUBLIC,
    "AuthController.logout": Rule.SIGNED_IN,
    "AuthController.me": Rule.SIGNED_IN,
    "CaseController.list_cases": Rule.CASE_LIST,  # narrowed by case_scope in the listing
    "CaseController.open_case": Rule.STAFF,
    "CaseController.get_case": Rule.CASE_READ,
    "CaseController.allowed_steps": Rule.CASE_READ,
    "CaseController.history": Rule.CASE_READ,
    "CaseController.record_step": Rule.CASE_CHANGE,
    "CaseController.change_details": Rule.CASE_CHANGE,
    "CaseController.parties": Rule.CASE_PERSONAL,
    "TeamController.team": Rule.CASE_READ,
    "NoticeController.give": Rule.CASE_CHANGE,
    "NoticeController.of_case": Rule.CASE_READ,
    "CasePage.give_notice": Rule.CASE_CHANGE,
    "CaseAwardController.record": Rule.CASE_CHANGE,
    "CaseAwardController.of_case": Rule.CASE_READ,
    "AwardController.get_award": Rule.AWARD_READ,
    "AwardController.allowed_steps": Rule.AWARD_READ,
    "AwardController.history": Rule.AWARD_READ,
    "AwardController.statement": Rule.AWARD_READ,
    "AwardController.record_step": Rule.AWARD_CHANGE,
    "AwardController.receive": Rule.AWARD_CHANGE,
    "AwardController.disburse": Rule.AWARD_CHANGE,
    "AwardController.tax_costs": Rule.AWARD_CHANGE,
    "AwardController.settle": Rule.AWARD_CHANGE,
    "AwardController.certify_costs": Rule.AWARD_CHANGE,
    "AwardController.serve_costs_certificate": Rule.AWARD_CHANGE,
    "log_follow_up": Rule.AWARD_CHANGE,
    # awards named in the body must be the case's own (service/usecases/awards/chase_case.py)
    "log_case_follow_up_route": Rule.CASE_CHANGE,
    "award_follow_ups": Rule.AWARD_READ,
    "reverse_payment": Rule.AWARD_CHANGE,
    "reverse_disbursement": Rule.AWARD_CHANGE,
    "award_ledger": Rule.AWARD_PERSONAL,  # beneficiaries and M-Pesa references
    "demand_letter_to_the_ag": Rule.AWARD_PERSONAL,  # names the decree holder
    "case_demand_letter_to_the_ag": Rule.CASE_PERSONAL,  # names every decree holder
    "follow_ups_due": Rule.CASE_LIST,  # narrowed by case_scope in the listing
    "TeamController.add_member": Rule.ADMIN,
    "TeamController.remove_member": Rule.ADMIN,
    "SurvivorController.register": Rule.STAFF,
    "SurvivorController.get": Rule.SURVIVOR_PERSONAL,
    "UserController.list_users": Rule.ADMIN,
    "UserController.add": Rule.ADMIN,
    "UserController.disable": Rule.ADMIN,
    "UserController.change_role": Rule.ADMIN,
    "UserController.reset_password": Rule.ADMIN,
    "AuditController.search": Rule.ADMIN,
    "CaseHearingController.schedule": Rule.CASE_CHANGE,
    "CaseHearingController.of_case": Rule.CASE_READ,
    "HearingController.cause_list": Rule.CASE_LIST,  # narrowed by case_scope in the listing
    "HearingController.get_hearing": Rule.HEARING_READ,
    "HearingController.reschedule": Rule.HEARING_CHANGE,
    "HearingController.held": Rule.HEARING_CHANGE,
    "HearingController.adjourn": Rule.HEARING_CHANGE,
    "HearingController.vacate": Rule.HEARING_CHANGE,
    "ReminderRuleController.list_rules": Rule.SIGNED_IN,
    "ReminderRuleController.replace_rules": Rule.ADMIN,
    "CalendarController.issue": Rule.SIGNED_IN,
    "CalendarController.revoke": Rule.SIGNED_IN,
    # the secret token in the address is the credential: calendar apps send no header
    "CalendarController.feed": Rule.PUBLIC,
    # the secret in the address is the credential: the SMS gateway sends no Authorization header
    "sms_delivery_report": Rule.PUBLIC,
    # the same secret in the address: a family's phone reaches Haki only through the gateway
    "ussd_session": Rule.PUBLIC,
    "text_from_a_phone": Rule.PUBLIC,
    "opt_out_from_the_gateway": Rule.PUBLIC,
    # what a family texted: free text, read only by the case team, every reading audited
    "FamilyMessageController.of_case": Rule.CASE_PERSONAL,
    "FamilyMessageController.mark_read": Rule.CASE_PERSONAL,
    "SurvivorContactController.add": Rule.SURVIVOR_PERSONAL,
    "SurvivorContactController.of_survivor": Rule.SURVIVOR_PERSONAL,
    "ContactController.get_contact": Rule.CONTACT_PERSONAL,
    "ContactController.update": Rule.CONTACT_PERSONAL,
    "ContactController.record_consent": Rule.CONTACT_PERSONAL,
    "ContactController.withdraw_consent": Rule.CONTACT_PERSONAL,
    "StatusCodeController.issue": Rule.CASE_PERSONAL,
    "StatusCodeController.revoke": Rule.CASE_PERSONAL,
    "StatusCodeController.renew": Rule.CASE_PERSONAL,  # as issuing: it keeps a code working
    "StatusCodeController.codes": Rule.CASE_PERSONAL,  # which of the case's contacts hold one
    # the status code in the address is the credential: a family has no account
    "family_status": Rule.PUBLIC,
    "my_contact_details": Rule.SIGNED_IN,
    "user_contact_details": Rule.ADMIN,
    # pseudonymous aggregates (counts, days, shillings; survivor codes at most, never names or
    # contacts): every role may read them, as advocacy officers publish them
    "ReportController.time_to_payment": Rule.SIGNED_IN,
    "ReportController.time_to_payment_by_respondent": Rule.SIGNED_IN,
    "ReportController.pipeline": Rule.SIGNED_IN,
    "ReportController.unpaid_chart": Rule.SIGNED_IN,
    "ReportController.outstanding_chart": Rule.SIGNED_IN,
    # organisation-wide, not narrowed to a lawyer's cases: shillings and counts only
    "unpaid_report": Rule.SIGNED_IN,
    # one row per award, survivor codes at most: pseudonymous as the report, so every role
    "unpaid_award_list": Rule.SIGNED_IN,
    # what was done to survivors (service/records/): a lawyer records it from intake on
    "ViolationController.record": Rule.SURVIVOR_RECORD,
    "ViolationController.of_survivor": Rule.SURVIVOR_RECORD,
    "ViolationController.get_violation": Rule.VIOLATION_PERSONAL,
    # corrections and links are audited; a case linked or unlinked must be one of the
    # survivor's and, for a lawyer, of their team (service/usecases/records/violation_changes.py)
    "ViolationController.change_violation": Rule.VIOLATION_PERSONAL,
    "ViolationController.link_case": Rule.VIOLATION_PERSONAL,
    "ViolationController.unlink_case": Rule.VIOLATION_PERSONAL,
    "ViolationPage.violation_page": Rule.VIOLATION_PERSONAL,  # as get_violation, with documents
    "ViolationPage.change": Rule.VIOLATION_PERSONAL,
    "ViolationPage.link": Rule.VIOLATION_PERSONAL,
    "ViolationPage.unlink": Rule.VIOLATION_PERSONAL,
    # a violation record's documents: the record's rule (they have no case)
    "upload_violation_document": Rule.VIOLATION_PERSONAL,
    "violation_documents": Rule.VIOLATION_PERSONAL,
    "upload_on_violation_page": Rule.VIOLATION_PERSONAL,
    "VocabularyPage.vocabulary_page": Rule.ADMIN,  # the form of ViolationTypeController.add_type
    "VocabularyPage.add_type": Rule.ADMIN,
    "import_page": Rule.ADMIN,  # the form of import_records
    "check_import_file": Rule.ADMIN,  # as import_records with dry_run
    "import_checked_file": Rule.ADMIN,  # a draft only of the administrator who checked it
    # every role: place, unit and officers withheld unless reads_free_text
    "ViolationController.of_case": Rule.CASE_READ,
    "ViolationTypeController.list_types": Rule.SIGNED_IN,
    "ViolationTypeController.add_type": Rule.ADMIN,
    # counts by year, county, agency, type, sex and age band; never a name, place or unit
    "ViolationReportController.figures": Rule.SIGNED_IN,
    "ViolationReportController.chart": Rule.SIGNED_IN,
    # referrals to partners for care and support: the survivor's record's rule
    "ReferralController.refer": Rule.SURVIVOR_RECORD,
    "ReferralController.of_survivor": Rule.SURVIVOR_RECORD,
    "ReferralController.step": Rule.REFERRAL_CHANGE,
    # the partner directory: organisations, not people
    "PartnerController.list_partners": Rule.SIGNED_IN,
    "PartnerController.add_partner": Rule.ADMIN,
    "PartnerController.set_active": Rule.ADMIN,
    "PartnersPage.set_active": Rule.ADMIN,
    "PartnersPage.partners_page": Rule.ADMIN,  # the form of PartnerController.add_partner
    "PartnersPage.add_partner": Rule.ADMIN,
    "ReferralPages.refer": Rule.SURVIVOR_RECORD,
    "ReferralPages.step": Rule.REFERRAL_CHANGE,
    "ViolationPages.violations_page": Rule.SURVIVOR_RECORD,
    "ViolationPages.record": Rule.SURVIVOR_RECORD,
    "ViolationFiguresPage.figures_page": Rule.SIGNED_IN,
    # the browser interface (service/web/): each page has the rule of the API route it shows
    "front_door": Rule.PUBLIC,
    "SessionPages.login_form": Rule.PUBLIC,
    "SessionPages.login": Rule.PUBLIC,
    "SessionPages.logout": Rule.SIGNED_IN,
    "SessionPages.choose_language": Rule.PUBLIC,
    "SessionPages.asset": Rule.PUBLIC,
    "WeekPage.my_week": Rule.CASE_LIST,  # narrowed by case_scope in the listing
    "CasePage.case_page": Rule.CASE_READ,  # names only for roles the parties rule allows
    "CasePage.record_step": Rule.CASE_CHANGE,
    "CasePage.schedule": Rule.CASE_CHANGE,
    "CasePage.adjourn": Rule.HEARING_CHANGE,
    "CasePage.held": Rule.HEARING_CHANGE,
    "CasePage.mark_family_message_read": Rule.CASE_PERSONAL,  # as FamilyMessageController
    "CaseList.case_list": Rule.CASE_LIST,  # narrowed by case_scope in the listing
    "CaseList.case_list_csv": Rule.CASE_LIST,  # as the list; names as reads_free_text allows
    "UnpaidPage.unpaid": Rule.SIGNED_IN,  # as unpaid_report: figures only
    "UnpaidListPage.unpaid_list": Rule.SIGNED_IN,  # as unpaid_award_list: codes, never names
    "CalendarPage.calendar": Rule.SIGNED_IN,
    "CalendarPage.new_feed": Rule.SIGNED_IN,
    "CalendarPage.close_feed": Rule.SIGNED_IN,
    "AwardOrderForm.record_award": Rule.CASE_CHANGE,  # as CaseAwardController.record
    "AwardForms.record_step": Rule.AWARD_CHANGE,
    "AwardForms.receive": Rule.AWARD_CHANGE,
    "AwardForms.log_follow_up": Rule.AWARD_CHANGE,
    "CaseChaseForm.log_follow_up": Rule.CASE_CHANGE,  # as log_case_follow_up_route
    "NewCase.new_case_form": Rule.STAFF,  # as CaseController.open_case
    "NewCase.register_survivor": Rule.STAFF,  # as SurvivorController.register
    "NewCase.open_case": Rule.STAFF,
    "AwardLedger.ledger_page": Rule.AWARD_PERSONAL,  # as award_ledger: beneficiaries
    "AwardLedger.disburse": Rule.AWARD_CHANGE,
    "AwardLedger.reverse_payment": Rule.AWARD_CHANGE,
    "AwardLedger.reverse_disbursement": Rule.AWARD_CHANGE,
    "AwardLedger.settle": Rule.AWARD_CHANGE,
    # administration (service/web/): users, teams, the audit trail and reminder rules are the
    # administrators' alone, as their API routes; audit rows may carry personal data
    "AdminHome.admin_home": Rule.ADMIN,
    "UsersPage.users": Rule.ADMIN,  # as UserController.list_users
    "UsersPage.add_user": Rule.ADMIN,
    "UsersPage.change_role": Rule.ADMIN,
    "UsersPage.reset_password": Rule.ADMIN,
    "UsersPage.disable_user": Rule.ADMIN,
    "TeamPage.team_page": Rule.ADMIN,  # the forms of TeamController.add_member/remove_member
    "TeamPage.add_member": Rule.ADMIN,
    "TeamPage.remove_member": Rule.ADMIN,
    "ReminderRulesPage.reminder_rules": Rule.ADMIN,  # the forms of replace_rules
    "ReminderRulesPage.add_rule": Rule.ADMIN,
    "ReminderRulesPage.remove_rule": Rule.ADMIN,
    "AuditPage.audit_trail": Rule.ADMIN,  # as AuditController.search
    "CaseDetailsPage.edit_form": Rule.CASE_CHANGE,  # the form of CaseController.change_details
    "CaseDetailsPage.change_details": Rule.CASE_CHANGE,
    # a survivor's contacts and consent (service/web/contacts_page.py), as their API routes
    "ContactsPage.contacts": Rule.SURVIVOR_PERSONAL,  # as SurvivorContactController.of_survivor
    "ContactsPage.add_contact": Rule.SURVIVOR_PERSONAL,
    "ContactsPage.change_contact": Rule.CONTACT_PERSONAL,
    "ContactsPage.record_consent": Rule.CONTACT_PERSONAL,
    "ContactsPage.withdraw_consent": Rule.CONTACT_PERSONAL,
    # the contact named in the body must speak for a claimant of this case, else 404
    "ContactsPage.issue_code": Rule.CASE_PERSONAL,
    "ContactsPage.revoke_code": Rule.CASE_PERSONAL,
    "import_records": Rule.ADMIN,
    "import_template": Rule.ADMIN,
    "full_export": Rule.ADMIN,
    # counts and latencies, no personal data; but how busy the office is and how much the State
    # owes is not for everyone: Prometheus sends HAKI_METRICS_TOKEN, an admin may look
    "MetricsController.get": Rule.METRICS,
    # documents and medico-legal examinations (docs/documents.md): a document is read by the
    # rule of its case's personal data, whatever record of the case it is attached to
    "upload_document": Rule.CASE_CHANGE,  # a record named in the body must be the case's own
    "case_documents": Rule.CASE_READ,  # file names and examinations' as reads_free_text
    "download_document": Rule.DOCUMENT_PERSONAL,  # audited; the viewer and advocacy roles: no
    "CaseExaminationController.record": Rule.CASE_CHANGE,
    "CaseExaminationController.of_case": Rule.CASE_PERSONAL,  # audited
    "get_examination": Rule.EXAMINATION_PERSONAL,  # audited
    "upload_on_case_page": Rule.CASE_CHANGE,  # as upload_document
    "ExaminationForm.record_examination": Rule.CASE_CHANGE,  # as CaseExaminationController.record
}

ROLES = {
    Rule.SIGNED_IN: set(Role),
    Rule.CASE_LIST: set(Role),
    Rule.ADMIN: {Role.ADMIN},
    Rule.STAFF: {Role.ADMIN, Role.LAWYER},
    Rule.CASE_READ: set(Role),
    Rule.CASE_CHANGE: {Role.ADMIN, Role.LAWYER},
    Rule.CASE_PERSONAL: {Role.ADMIN, Role.LAWYER},
    Rule.SURVIVOR_PERSONAL: {Role.ADMIN, Role.LAWYER},
    Rule.CONTACT_PERSONAL: {Role.ADMIN, Role.LAWYER},
    Rule.AWARD_READ: set(Role),
    Rule.AWARD_CHANGE: {Role.ADMIN, Role.LAWYER},
    Rule.AWARD_PERSONAL: {Role.ADMIN, Role.LAWYER},
    Rule.HEARING_READ: set(Role),
    Rule.HEARING_CHANGE: {Role.ADMIN, Role.LAWYER},
    Rule.DOCUMENT_PERSONAL: {Role.ADMIN, Role.LAWYER},
    Rule.EXAMINATION_PERSONAL: {Role.ADMIN, Role.LAWYER},
    Rule.SURVIVOR_RECORD: {Role.ADMIN, Role.LAWYER},
    Rule.VIOLATION_PERSONAL: {Role.ADMIN, Role.LAWYER},
    Rule.REFERRAL_CHANGE: {Role.ADMIN, Role.LAWYER},
    Rule.METRICS: {Role.ADMIN},
}
