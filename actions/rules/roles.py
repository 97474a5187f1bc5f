"""The Partner Center roles the rules name, and which rule needs which."""

USER_ROLES = ("global_admin", "admin_agent", "user_management_admin", "mpn_partner_admin", "other")

# ONB-06: appropriate roles for creating the account.
ACCOUNT_CREATION_ROLES = ("global_admin", "admin_agent")
# WA-07: appropriate roles for the work account.
WORK_ACCOUNT_ROLES = ("global_admin", "user_management_admin")
# BEN-03 (and BEN-11 for go-to-market offers): the roles that activate most benefits or
# download software keys.
ACTIVATING_ROLES = ("global_admin", "mpn_partner_admin")
