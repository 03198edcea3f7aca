from django.core.exceptions import ValidationError

# Model fields a domain function may name, and the form field the writer sees.
FORM_NAMES = {"starts_at": "day", "first_on": "day", "local_time": "start"}


def add_errors(form, error: ValidationError) -> None:
    """Put a domain function's errors next to their fields, the rest above the form."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, errors in error.error_dict.items():
        name = FORM_NAMES.get(field, field)
        for e in errors:
            form.add_error(name if name in form.fields else None, e)
