"""E-mail addresses as Haki keeps them: checked for form only, never by asking the network."""

from email_validator import EmailNotValidError, validate_email

from domain.errors import N_, InvalidInput


def email_address(text: str, field: str = "email") -> str:
    """The address normalised (the domain in lower case). ASCII only: an address that needs
    SMTPUTF8 is refused now rather than bounced by a mail relay later."""
    try:
        checked = validate_email(text.strip(), check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as error:
        raise InvalidInput(
            N_("This is not a valid e-mail address: write it as name@example.org."), field
        ) from error
    return str(checked.normalized)
