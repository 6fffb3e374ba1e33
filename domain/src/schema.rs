//! Diesel table definitions, matching `migrations/` (checked by the
//! integration suite, which runs every query below against a migrated
//! database).

diesel::table! {
    services (id) {
        id -> Uuid,
        name -> Text,
        restricted -> Bool,
        active -> Bool,
        rate_limit -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        daily_limit -> Int4,
        contact_link -> Nullable<Text>,
    }
}

diesel::table! {
    documents (id) {
        id -> Uuid,
        service_id -> Uuid,
        notification_id -> Uuid,
        filename -> Nullable<Text>,
        mimetype -> Text,
        size_bytes -> Int4,
        confirm_email_sha256 -> Nullable<Bytea>,
        nonce -> Bytea,
        ciphertext -> Bytea,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
    }
}

diesel::table! {
    api_keys (id) {
        id -> Uuid,
        service_id -> Uuid,
        name -> Text,
        secret -> Text,
        key_type -> Text,
        created_at -> Timestamptz,
        expiry_date -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    templates (id) {
        id -> Uuid,
        service_id -> Uuid,
        template_type -> Text,
        current_version -> Int4,
        archived -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    template_versions (template_id, version) {
        template_id -> Uuid,
        version -> Int4,
        name -> Text,
        subject -> Nullable<Text>,
        body -> Text,
        created_at -> Timestamptz,
        created_by -> Text,
        letter_contact_block -> Nullable<Text>,
        postage -> Nullable<Text>,
    }
}

diesel::table! {
    notifications (id, created_at) {
        id -> Uuid,
        created_at -> Timestamptz,
        service_id -> Uuid,
        api_key_id -> Uuid,
        key_type -> Text,
        notification_type -> Text,
        template_id -> Uuid,
        template_version -> Int4,
        recipient -> Text,
        client_reference -> Nullable<Text>,
        subject -> Nullable<Text>,
        body -> Text,
        one_click_unsubscribe_url -> Nullable<Text>,
        status -> Text,
        sent_at -> Nullable<Timestamptz>,
        updated_at -> Nullable<Timestamptz>,
        provider_reference -> Nullable<Text>,
        reply_to -> Nullable<Text>,
        provider_response -> Nullable<Text>,
        feedback_type -> Nullable<Text>,
        feedback_subtype -> Nullable<Text>,
        postage -> Nullable<Text>,
        job_id -> Nullable<Uuid>,
        job_row_number -> Nullable<Int4>,
    }
}

diesel::table! {
    jobs (id) {
        id -> Uuid,
        service_id -> Uuid,
        api_key_id -> Uuid,
        key_type -> Text,
        notification_type -> Text,
        template_id -> Uuid,
        template_version -> Int4,
        original_file_name -> Text,
        client_reference -> Nullable<Text>,
        reply_to -> Nullable<Text>,
        job_status -> Text,
        scheduled_for -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        total -> Int4,
        accepted -> Int4,
        persisted -> Int4,
        sent -> Int4,
        delivered -> Int4,
        failed -> Int4,
    }
}

diesel::table! {
    scheduled_packs (id) {
        id -> Int8,
        job_id -> Nullable<Uuid>,
        notification_type -> Text,
        release_at -> Timestamptz,
        notifications -> Int4,
        payload -> Bytea,
        claimed_until -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    letter_pdfs (notification_id) {
        notification_id -> Uuid,
        notification_created_at -> Timestamptz,
        service_id -> Uuid,
        pdf -> Bytea,
        pages -> Int4,
        precompiled -> Bool,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    inbound_numbers (number) {
        number -> Text,
        service_id -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    received_texts (id) {
        id -> Uuid,
        service_id -> Uuid,
        notify_number -> Text,
        user_number -> Text,
        content -> Text,
        provider_reference -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    complaints (id) {
        id -> Uuid,
        notification_id -> Uuid,
        notification_created_at -> Timestamptz,
        service_id -> Uuid,
        ses_feedback_id -> Nullable<Text>,
        complaint_type -> Nullable<Text>,
        complaint_date -> Timestamptz,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    service_callbacks (service_id, callback_type) {
        service_id -> Uuid,
        callback_type -> Text,
        url -> Text,
        bearer_token -> Text,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    service_team_members (id) {
        id -> Uuid,
        service_id -> Uuid,
        email_address -> Text,
        mobile_number -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    service_guest_list (id) {
        id -> Uuid,
        service_id -> Uuid,
        recipient -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    service_email_reply_to (id) {
        id -> Uuid,
        service_id -> Uuid,
        email_address -> Text,
        is_default -> Bool,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    service_sms_senders (id) {
        id -> Uuid,
        service_id -> Uuid,
        sms_sender -> Text,
        is_default -> Bool,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(api_keys -> services (service_id));
diesel::joinable!(templates -> services (service_id));
diesel::joinable!(template_versions -> templates (template_id));

diesel::allow_tables_to_appear_in_same_query!(
    services,
    api_keys,
    templates,
    template_versions,
    notifications,
    service_team_members,
    service_guest_list,
    service_email_reply_to,
    service_sms_senders,
    complaints,
    service_callbacks,
    letter_pdfs,
    inbound_numbers,
    received_texts,
    jobs,
    scheduled_packs,
);
