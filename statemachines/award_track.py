"""The compensation track of an award, declared as data: read this table for every route.

A money judgment against the Government is not executed: after the decree, the court issues
a certificate of the order, it is served on the Attorney General, and the accounting officer
must pay. When the State does not, the award goes to enforcement (judicial review, mandamus).
"""

from domain.awards import Award
from domain.awards import AwardStage as A
from statemachines import award_rules as r
from statemachines import machine, routes
from statemachines.award_rules import AwardFacts

Route = routes.Route[Award, AwardFacts]

PAYABLE = (
    A.AWARDED,
    A.DECREE_EXTRACTED,
    A.CERTIFICATE_ISSUED,
    A.SERVED_ON_AG,
    A.PARTIALLY_PAID,
    A.ENFORCEMENT,
)
STAYABLE = (A.AWARDED, A.DECREE_EXTRACTED, A.CERTIFICATE_ISSUED, A.SERVED_ON_AG, A.PARTIALLY_PAID)
UNSETTLED = (*PAYABLE, A.STAYED)
UNPAID = tuple(stage for stage in PAYABLE if stage != A.PARTIALLY_PAID)
"""where an award can be when its first payment comes, and so return when all are reversed"""

ROUTES = (
    # trigger                  from                       to                    guards, effect
    Route("extract_decree",        (A.AWARDED,),          A.DECREE_EXTRACTED),
    Route("issue_certificate",     (A.DECREE_EXTRACTED,), A.CERTIFICATE_ISSUED, (r.WAITING_PERIOD_OVER,), r.record_certificate),
    Route("serve_on_ag",           (A.CERTIFICATE_ISSUED,), A.SERVED_ON_AG,     (r.CERTIFICATE_ON_RECORD,), r.record_service),
    # money paid before the certificate leaves the chase possible for the balance
    Route("issue_certificate",     (A.PARTIALLY_PAID,),   A.PARTIALLY_PAID,     (r.NO_CERTIFICATE_YET, r.WAITING_PERIOD_OVER), r.certificate_meanwhile),
    Route("serve_on_ag",           (A.PARTIALLY_PAID,),   A.PARTIALLY_PAID,     (r.CERTIFICATE_ON_RECORD, r.NOT_SERVED_YET), r.service_meanwhile),
    Route("receive_part_payment",  PAYABLE,               A.PARTIALLY_PAID,     (r.WITHIN_WHAT_IS_OWED, r.LEAVES_A_BALANCE), r.remember_unpaid_stage),
    Route("receive_final_payment", PAYABLE,               A.PAID_IN_FULL,       (r.WITHIN_WHAT_IS_OWED, r.SETTLES_THE_AWARD), r.remember_unpaid_stage),
    Route("complete_disbursement", (A.PAID_IN_FULL,),     A.DISBURSED,          (r.ALL_RECEIVED_DISBURSED,)),
    # a reversed payment counts as never received: the award goes back to where that leaves it
    Route("reverse_payment",       (A.PARTIALLY_PAID, A.PAID_IN_FULL), A.PARTIALLY_PAID, (r.PAYMENTS_REMAIN,)),
    *(
    Route("reverse_payment",       (A.PARTIALLY_PAID, A.PAID_IN_FULL), stage, (r.NO_PAYMENT_REMAINS, r.unpaid_at(stage)), r.forget_unpaid_stage)
        for stage in UNPAID
    ),
    Route("reverse_payment",       (A.ENFORCEMENT,),      A.ENFORCEMENT),
    Route("reverse_disbursement",  (A.DISBURSED,),        A.PAID_IN_FULL),
    Route("stay",                  STAYABLE,              A.STAYED,             (), r.remember_stay),
    *(
    Route("lift_stay",             (A.STAYED,),           stage,                (r.stayed_from(stage),), r.forget_stay)
        for stage in STAYABLE
    ),
    Route("enforce",               (A.SERVED_ON_AG, A.PARTIALLY_PAID), A.ENFORCEMENT),
    Route("set_aside",             UNSETTLED,             A.SET_ASIDE),
    Route("write_off",             UNSETTLED,             A.WRITTEN_OFF),
)  # fmt: skip

AWARD_TRACK = machine.TrackMachine(A, ROUTES, AwardFacts())
