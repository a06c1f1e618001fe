"""allauth's own pages: the public ones answer everybody, the account pages only a
logged-in user. Officials are exempt from the two-factor redirect here."""

PUBLIC_ACCOUNT_PAGES = {
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
    "account_inactive",
    "account_logout",
    "account_reset_password_from_key_done",
    "account_signup_by_passkey",
}

ACCOUNT_PAGES = {
    "account_email",
    "account_change_password",
    "account_set_password",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "account_reauthenticate",
    "mfa_reauthenticate",
}

AUTHENTICATOR_PAGES = {
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
}

ALLAUTH_TOKEN_PAGES = {
    # pages reached only with a key from an e-mail or a login in progress
    "account_confirm_email": {"key": "nonsense"},
    "account_reset_password_from_key": {"uidb36": "1", "key": "set-password"},
    "mfa_authenticate": None,
    "account_login_code_confirm": None,
    "account_confirm_login_code": None,
    "account_request_login_code": None,
    "account_confirm_password_reset_code": None,
    "account_reset_password_from_code": None,
    "account_email_verification_sent_code": None,
    "account_verify_email_code": None,
    "account_confirm_code": None,
}
