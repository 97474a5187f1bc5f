"""The one table from a verdict's code to the response that says it.

Rules decide (actions/rules/), this table chooses the words: each code the rules can give
has exactly one response here, in every language the domain has. Items a verdict lists
("region.europe", "role.global_admin") are said by the response ``utter_item_<kind>_<value>``.
"""

from __future__ import annotations

from typing import Dict

RESPONSES: Dict[str, str] = {
    # Onboarding (ONB)
    "join_mpn_first": "utter_join_mpn_first",
    "prerequisites_unknown": "utter_prerequisites_unknown",
    "prerequisites_missing": "utter_prerequisites_missing",
    "ready_to_enroll": "utter_ready_to_enroll",
    "enrollment_step_1": "utter_enrollment_step_1",
    "enrollment_step_2_sign_in": "utter_enrollment_step_2_sign_in",
    "enrollment_step_2_create": "utter_enrollment_step_2_create",
    "enrollment_step_2_either": "utter_enrollment_step_2_either",
    "enrollment_step_3": "utter_enrollment_step_3",
    "enrollment_step_4": "utter_enrollment_step_4",
    "enrollment_step_5": "utter_enrollment_step_5",
    "enrollment_done_pending_verification": "utter_enrollment_done_pending_verification",
    "enrollment_done": "utter_enrollment_done",
    "verification_not_enrolled": "utter_verification_not_enrolled",
    "verification_confirmed": "utter_verification_confirmed",
    "verification_pending": "utter_verification_pending",
    "finish_setup_allowed": "utter_finish_setup_allowed",
    "finish_setup_add_yourself": "utter_finish_setup_add_yourself",
    "finish_setup_ask_admin": "utter_finish_setup_ask_admin",
    "roles_needed": "utter_roles_needed",
    "roles_you_fit_both": "utter_roles_you_fit_both",
    "roles_you_fit_account_only": "utter_roles_you_fit_account_only",
    "roles_you_fit_work_account_only": "utter_roles_you_fit_work_account_only",
    "roles_you_fit_neither": "utter_roles_you_fit_neither",
    "mpn_agreement_location": "utter_mpn_agreement_location",
    "ask_user_role": "utter_ask_user_role",
    # Work account (WA)
    "email_invalid": "utter_email_invalid",
    "email_personal": "utter_email_personal",
    "email_use_headquarters": "utter_email_use_headquarters",
    "email_accepted_regional": "utter_email_accepted_regional",
    "email_accepted": "utter_email_accepted",
    "headquarters_domain_named": "utter_headquarters_domain_named",
    "headquarters_domain_likely": "utter_headquarters_domain_likely",
    "headquarters_domain_rule": "utter_headquarters_domain_rule",
    "work_account_exists": "utter_work_account_exists",
    "work_account_create_during_enrollment": "utter_work_account_create_during_enrollment",
    "work_account_how_to_check": "utter_work_account_how_to_check",
    "work_account_reuse_none": "utter_work_account_reuse_none",
    "work_account_reuse": "utter_work_account_reuse",
    # The MPA (MPA)
    "ask_csp_partner_type": "utter_ask_csp_partner_type",
    "ask_mpn_account": "utter_ask_mpn_account",
    "ask_mpn_program_status": "utter_ask_mpn_program_status",
    "ask_indirect_reseller_status": "utter_ask_indirect_reseller_status",
    "ask_csp_regions": "utter_ask_csp_regions",
    "mpa_only_for_csp": "utter_mpa_only_for_csp",
    "mpa_join_mpn_first": "utter_mpa_join_mpn_first",
    "mpa_migrate_from_pmc": "utter_mpa_migrate_from_pmc",
    "mpn_verification_failed": "utter_mpa_mpn_verification_failed",
    "mpa_enroll_as_indirect_reseller": "utter_mpa_enroll_as_indirect_reseller",
    "reseller_verification_failed": "utter_mpa_reseller_verification_failed",
    "mpa_needs_global_admin": "utter_mpa_needs_global_admin",
    "mpa_signed_everywhere": "utter_mpa_signed_everywhere",
    "mpa_accept_on_dashboard": "utter_mpa_accept_on_dashboard",
    "mpa_sign_now_reseller": "utter_mpa_sign_now_reseller",
    "mpa_sign_now": "utter_mpa_sign_now",
    "mpa_missing_accept_button": "utter_mpa_missing_accept_button",
    "mpa_verify_signed": "utter_mpa_verify_signed",
    "mpa_verify_how": "utter_mpa_verify_how",
    # Partner relationships (REL)
    "rel_find_partner": "utter_rel_find_partner",
    "rel_partner_types": "utter_rel_partner_types",
    "rel_type_reseller": "utter_rel_type_reseller",
    "rel_type_delegated_admin": "utter_rel_type_delegated_admin",
    "rel_type_reseller_delegated_admin": "utter_rel_type_reseller_delegated_admin",
    "rel_type_partner": "utter_rel_type_partner",
    "rel_type_advisor": "utter_rel_type_advisor",
    "rel_type_mpsa": "utter_rel_type_mpsa",
    "rel_type_oem": "utter_rel_type_oem",
    "rel_type_lob": "utter_rel_type_lob",
    "rel_accept_mca_first": "utter_rel_accept_mca_first",
    "rel_accept_invitation": "utter_rel_accept_invitation",
    "rel_cancel_invitation": "utter_rel_cancel_invitation",
    "rel_remove_admin_roles": "utter_rel_remove_admin_roles",
    "ask_rel_partner_type": "utter_ask_rel_partner_type",
    "rel_delete_partner": "utter_rel_delete_partner",
    "rel_ask_partner_to_end": "utter_rel_ask_partner_to_end",
    # Membership benefits (BEN)
    "ask_benefit": "utter_ask_benefit",
    "ask_cloud_subscription_kind": "utter_ask_cloud_subscription_kind",
    "ask_marketing_contact_email": "utter_ask_marketing_contact_email",
    "ask_marketing_contact_phone": "utter_ask_marketing_contact_phone",
    "ask_marketing_contact_language": "utter_ask_marketing_contact_language",
    "ask_benefits_purchased_on": "utter_ask_benefits_purchased_on",
    "ask_software_benefits_activated": "utter_ask_software_benefits_activated",
    "ask_membership_level": "utter_ask_membership_level",
    "ask_vs_subscriber": "utter_ask_vs_subscriber",
    "ask_vs_assigned_on": "utter_ask_vs_assigned_on",
    "ask_gtm_offer": "utter_ask_gtm_offer",
    "ask_offer_expires_on": "utter_ask_offer_expires_on",
    "ben_join_mpn_first": "utter_ben_join_mpn_first",
    "ben_manage_in_pmc": "utter_ben_manage_in_pmc",
    "ben_overview": "utter_ben_overview",
    "ben_software_steps": "utter_ben_software_steps",
    "ben_cloud_usage_based_steps": "utter_ben_cloud_usage_based_steps",
    "ben_cloud_license_based_steps": "utter_ben_cloud_license_based_steps",
    "ben_vs_assign_steps": "utter_ben_vs_assign_steps",
    "ben_vs_add_user_first": "utter_ben_vs_add_user_first",
    "ben_technical_activate_steps": "utter_ben_technical_activate_steps",
    "ben_gtm_activate_steps": "utter_ben_gtm_activate_steps",
    "ben_assign_needs_global_admin": "utter_ben_assign_needs_global_admin",
    "ben_activate_ask_global_admin": "utter_ben_activate_ask_global_admin",
    "ben_technical_ask_global_admin": "utter_ben_technical_ask_global_admin",
    "ben_gtm_ask_global_admin": "utter_ben_gtm_ask_global_admin",
    "ben_technical_via_partner_frontline": "utter_ben_technical_via_partner_frontline",
    "ben_vs_reassign_allowed": "utter_ben_vs_reassign_allowed",
    "ben_vs_reassign_not_yet": "utter_ben_vs_reassign_not_yet",
    "ben_assignment_date_in_future": "utter_ben_assignment_date_in_future",
    "ben_purchase_date_in_future": "utter_ben_purchase_date_in_future",
    "ben_refund_too_late": "utter_ben_refund_too_late",
    "ben_refund_late_and_activated": "utter_ben_refund_late_and_activated",
    "ben_refund_software_activated": "utter_ben_refund_software_activated",
    "ben_refund_file_service_request": "utter_ben_refund_file_service_request",
    "ben_signature_not_for_action_pack": "utter_ben_signature_not_for_action_pack",
    "ben_signature_cloud_support": "utter_ben_signature_cloud_support",
    "ben_incidents_only_on_premises": "utter_ben_incidents_only_on_premises",
    "ben_product_support_incident": "utter_ben_product_support_incident",
    "ben_presales_deployment": "utter_ben_presales_deployment",
    "ben_support_options_action_pack": "utter_ben_support_options_action_pack",
    "ben_support_options_competency": "utter_ben_support_options_competency",
    "ben_marketing_email_same_as_account": "utter_ben_marketing_email_same_as_account",
    "ben_marketing_contact_ok": "utter_ben_marketing_contact_ok",
    "ben_ids_needed": "utter_ben_ids_needed",
    "ben_ids_not_needed": "utter_ben_ids_not_needed",
    "ben_ids_stored": "utter_ben_ids_stored",
    "ben_ids_after_processing": "utter_ben_ids_after_processing",
    "ben_ids_activate_first": "utter_ben_ids_activate_first",
    "ben_permissions": "utter_ben_permissions",
    "ben_permissions_global_admin": "utter_ben_permissions_global_admin",
    "ben_permissions_can_activate": "utter_ben_permissions_can_activate",
    "ben_permissions_can_only_buy": "utter_ben_permissions_can_only_buy",
    "ben_offer_expiry_passed": "utter_ben_offer_expiry_passed",
    "ben_offer_active_recorded": "utter_ben_offer_active_recorded",
}


def response_for(code: str) -> str:
    """The response that says ``code``; an unknown code is a programming error."""
    try:
        return RESPONSES[code]
    except KeyError:
        raise KeyError(f"no response for the verdict code {code!r}: add it to actions/responses.py") from None


def item_response(item: str) -> str:
    """The response that names one listed item ("region.europe" -> utter_item_region_europe)."""
    kind, _, value = item.partition(".")
    return f"utter_item_{kind}_{value}"
