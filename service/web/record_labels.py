"""The words staff read for documents and medico-legal examinations, per language."""

from domain.documents import DocumentKind
from domain.examinations import Correlation, ExaminationForm
from notifications.i18n import N_

DOCUMENT_KINDS = {
    DocumentKind.PLEADING: N_("Pleading"),
    DocumentKind.JUDGMENT: N_("Judgment or ruling"),
    DocumentKind.DECREE: N_("Decree"),
    DocumentKind.CERTIFICATE_OF_ORDER: N_("Certificate of order against the Government"),
    DocumentKind.PROOF_OF_SERVICE: N_("Proof of service (affidavit of service)"),
    DocumentKind.P3_FORM: N_("P3 form"),
    DocumentKind.POST_RAPE_CARE_FORM: N_("Post-rape care form"),
    DocumentKind.MEDICAL_REPORT: N_("Medical report"),
    DocumentKind.POST_MORTEM_REPORT: N_("Post-mortem report"),
    DocumentKind.PHOTOGRAPH: N_("Photograph"),
    DocumentKind.CORRESPONDENCE: N_("Letter or correspondence"),
    DocumentKind.OTHER: N_("Other document"),
}

EXAMINATION_FORMS = {
    ExaminationForm.P3_FORM: N_("P3 form (police medical examination)"),
    ExaminationForm.POST_RAPE_CARE_FORM: N_("Post-rape care form"),
    ExaminationForm.ISTANBUL_PROTOCOL: N_("Istanbul Protocol evaluation"),
    ExaminationForm.POST_MORTEM: N_("Post-mortem examination"),
    ExaminationForm.PSYCHOLOGICAL: N_("Psychological evaluation"),
}

CORRELATIONS = {
    Correlation.NOT_CONSISTENT: N_("Not consistent with the account"),
    Correlation.CONSISTENT: N_("Consistent with the account"),
    Correlation.HIGHLY_CONSISTENT: N_("Highly consistent with the account"),
    Correlation.TYPICAL: N_("Typical of the account"),
    Correlation.DIAGNOSTIC: N_("Diagnostic of the account"),
    Correlation.NOT_STATED: N_("Not stated by the examiner"),
}

RECORD_LABELS = {
    "document_kind": {code.value: text for code, text in DOCUMENT_KINDS.items()},
    "examination_form": {code.value: text for code, text in EXAMINATION_FORMS.items()},
    "correlation": {code.value: text for code, text in CORRELATIONS.items()},
}
