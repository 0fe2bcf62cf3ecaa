using Blux.IntegrationTests.Commander;
using Blux.IntegrationTests.Deployment;
using Blux.IntegrationTests.Guard;
using Blux.IntegrationTests.Lite;
using Blux.IntegrationTests.Observability;
using Blux.IntegrationTests.Reg;
using Blux.IntegrationTests.Stores;

namespace Blux.IntegrationTests.Settings;

/// <summary>
/// A setting documented in docs/operations.md: a value Blux must refuse at start (run by
/// <see cref="SettingRefusalTests"/>; <c>{file}</c> stands for an existing file, <c>{dir}</c> for a
/// directory, <c>{busy}</c> for a URL whose port another process holds), or where else the refusal is
/// shown; and the test that shows a value other than the default changing what Blux does.
/// </summary>
/// <param name="Extra">Other settings the refused value needs beside it (a target's URL beside its redirect switch).</param>
/// <param name="EchoesValue">False where the line leaves the value out on purpose (a URL may hold a secret).</param>
public sealed record DocumentedSetting(
    string Name,
    string? Invalid,
    string? RefusedElsewhere,
    string ChangesBehaviour,
    IReadOnlyDictionary<string, string>? Extra = null,
    bool EchoesValue = true)
{
    public override string ToString() => Name;
}

internal static class DocumentedSettings
{
    private const string TargetUrl = "Blux:Lite:Webhooks:Targets:<name>:Url";
    private const string TargetRedirects = "Blux:Lite:Webhooks:Targets:<name>:FollowRedirects";

    public static readonly IReadOnlyList<DocumentedSetting> All =
    [
        new("BLUX_DATA_PATH", "{file}/data", null, Of<StoreStartTests>(nameof(StoreStartTests.A_fresh_data_directory_starts_and_every_clean_stop_records_each_store))),
        new("Blux:DataPath", "{file}/data", null, Of<SettingEffectTests>(nameof(SettingEffectTests.The_keys_of_the_flat_names_take_effect_and_the_flat_names_win))),
        new("BLUX_LOG_PATH", "{file}/logs", null, Of<SettingEffectTests>(nameof(SettingEffectTests.The_keys_of_the_flat_names_take_effect_and_the_flat_names_win))),
        new("Blux:LogPath", "{file}/logs", null, Of<SettingEffectTests>(nameof(SettingEffectTests.The_keys_of_the_flat_names_take_effect_and_the_flat_names_win))),
        new("BLUX_REG_TOKEN_TTL", "-500", null, Of<SettingEffectTests>(nameof(SettingEffectTests.The_token_lifetime_is_the_configured_one_by_either_name))),
        new("Blux:Reg:TokenTtlSeconds", "0", null, Of<SettingEffectTests>(nameof(SettingEffectTests.The_token_lifetime_is_the_configured_one_by_either_name))),
        new("BLUX_MASTER_KEY_PATH", "{dir}", null, Of<KeyStorageTests>(nameof(KeyStorageTests.The_master_key_is_created_where_configured_with_mode_0600))),
        new("Blux:Reg:MasterKeyPath", "{file}/master.key", null, Of<SettingEffectTests>(nameof(SettingEffectTests.The_keys_of_the_flat_names_take_effect_and_the_flat_names_win))),
        new("BLUX_BOOTSTRAP_ADMIN_SECRET", null, "any text is a secret; unset or empty, one is generated", Of<SettingEffectTests>(nameof(SettingEffectTests.A_configured_bootstrap_secret_is_the_admin_secret_and_no_file_is_written))),
        new("Blux:Reg:BootstrapAdminSecret", null, "any text is a secret; unset or empty, one is generated", Of<SettingEffectTests>(nameof(SettingEffectTests.A_configured_bootstrap_secret_is_the_admin_secret_and_no_file_is_written))),
        new("BLUX_ENV", "prodution", null, Of<SignedRequestTests>(nameof(SignedRequestTests.A_production_deployment_requires_signatures_for_every_task))),
        new("Blux:Environment", "live", null, Of<SettingEffectTests>(nameof(SettingEffectTests.The_keys_of_the_flat_names_take_effect_and_the_flat_names_win))),
        new("Blux:Listen", "{busy}", null, Of<PublishedOutputTests>(nameof(PublishedOutputTests.Published_blux_with_the_container_environment_serves_a_signed_task_and_reports_healthy))),
        new("BLUX_TLS_CERT_CHAIN", null, Tls, Of<TlsTests>(nameof(TlsTests.Without_verify_client_https_serves_the_configured_chain_to_any_client))),
        new("Blux:Tls:CertChain", null, Tls, Of<TlsTests>(nameof(TlsTests.Without_verify_client_https_serves_the_configured_chain_to_any_client))),
        new("BLUX_TLS_PRIVATE_KEY", null, Tls, Of<TlsTests>(nameof(TlsTests.Without_verify_client_https_serves_the_configured_chain_to_any_client))),
        new("Blux:Tls:PrivateKey", null, Tls, Of<TlsTests>(nameof(TlsTests.Without_verify_client_https_serves_the_configured_chain_to_any_client))),
        new("BLUX_TLS_CA_CERT", null, Tls, Of<TlsTests>(nameof(TlsTests.With_verify_client_only_a_certificate_of_the_configured_ca_is_served))),
        new("Blux:Tls:CaCert", null, Tls, Of<TlsTests>(nameof(TlsTests.With_verify_client_only_a_certificate_of_the_configured_ca_is_served))),
        new("BLUX_TLS_VERIFY_CLIENT", null, Tls, Of<TlsTests>(nameof(TlsTests.With_verify_client_only_a_certificate_of_the_configured_ca_is_served))),
        new("Blux:Tls:VerifyClient", null, Tls, Of<TlsTests>(nameof(TlsTests.With_verify_client_only_a_certificate_of_the_configured_ca_is_served))),
        new("Blux:MaxRequestBodyBytes", "0", null, Of<SettingEffectTests>(nameof(SettingEffectTests.A_body_over_the_configured_limit_is_413_naming_it))),
        new("Blux:MaxRequestHeaderBytes", "0", null, Of<RequestHeadTests>(nameof(RequestHeadTests.The_limits_are_settings))),
        new("Blux:MaxRequestHeaderCount", "-1", null, Of<RequestHeadTests>(nameof(RequestHeadTests.The_limits_are_settings))),
        new("Blux:MaxRequestLineBytes", "many", null, Of<RequestHeadTests>(nameof(RequestHeadTests.The_limits_are_settings))),
        new("Blux:Guard:CheckpointEveryRecords", "0", null, Of<AuditApiTests>(nameof(AuditApiTests.Checkpoints_are_signed_and_the_latest_is_served))),
        new("Blux:Guard:CheckpointEverySeconds", "0", null, Of<SettingEffectTests>(nameof(SettingEffectTests.A_checkpoint_is_signed_after_the_configured_seconds))),
        new("Blux:Guard:MaxAuditBatch", "0", null, "none outside: it only sizes the audit writer's transactions, which no answer shows"),
        new("Blux:Guard:FreshnessWindow", "300", null, Of<SettingEffectTests>(nameof(SettingEffectTests.A_signed_request_just_outside_the_configured_freshness_window_is_refused))),
        new("Blux:Guard:ReplayMemoryBytes", "1", null, Of<SettingEffectTests>(nameof(SettingEffectTests.The_settings_that_size_memory_and_work_are_the_ones_shown_in_the_status))),
        new("Blux:Lite:StoreTimeoutSeconds", "0", null, Of<StalledStoreTests>(nameof(StalledStoreTests.A_task_is_refused_503_while_a_store_does_not_answer_and_health_says_degraded_from_memory))),
        new("Blux:Ca:StoreTimeoutSeconds", "-5", null, Of<StalledStoreTests>(nameof(StalledStoreTests.A_task_is_refused_503_while_a_store_does_not_answer_and_health_says_degraded_from_memory))),
        new("Blux:Health:StoreProbeSeconds", "0", null, Of<StalledStoreTests>(nameof(StalledStoreTests.A_task_is_refused_503_while_a_store_does_not_answer_and_health_says_degraded_from_memory))),
        new("Blux:Guard:StoreTimeoutSeconds", "0", null, Of<FailClosedTests>(nameof(FailClosedTests.Tasks_are_refused_with_503_while_the_audit_store_is_unwritable_and_accepted_again_after))),
        new("Blux:Guard:RedactKeys", "password", null, Of<SettingEffectTests>(nameof(SettingEffectTests.The_configured_redact_keys_are_the_ones_redacted))),
        new("Blux:Reg:RotationLeadHours", "-1", null, Of<KeyRotationTests>(nameof(KeyRotationTests.Automatic_rotation_publishes_the_next_keys_a_lead_time_ahead_and_they_sign_on_schedule))),
        new("Blux:Lite:Workers", "0", null, Of<SettingEffectTests>(nameof(SettingEffectTests.The_settings_that_size_memory_and_work_are_the_ones_shown_in_the_status))),
        new("Blux:Lite:MaxAttempts", "0", null, Of<SettingEffectTests>(nameof(SettingEffectTests.A_failing_task_is_tried_the_configured_number_of_times))),
        new("Blux:Lite:RetryBaseSeconds", "-1", null, Of<WebhookRouteTests>(nameof(WebhookRouteTests.A_target_that_stays_down_fails_the_task_after_three_attempts_each_audited))),
        new("Blux:Lite:RetryJitterSeconds", "-1", null, Of<WebhookRouteTests>(nameof(WebhookRouteTests.A_target_that_stays_down_fails_the_task_after_three_attempts_each_audited))),
        new("Blux:Lite:MaxWaitSeconds", "-1", null, Of<SettingEffectTests>(nameof(SettingEffectTests.A_wait_above_the_configured_maximum_is_refused))),
        new("Blux:Lite:ShutdownGraceSeconds", "-1", null, Of<RecoveryTests>(nameof(RecoveryTests.A_graceful_stop_lets_short_tasks_finish_and_requeues_long_ones_which_run_after_restart))),
        new("Blux:Lite:MaxAnalysisRows", "0", null, Of<SettingEffectTests>(nameof(SettingEffectTests.Scripts_and_analyses_stop_at_the_configured_limits))),
        new("Blux:Lite:MaxScriptStatements", "0", null, Of<SettingEffectTests>(nameof(SettingEffectTests.Scripts_and_analyses_stop_at_the_configured_limits))),
        new("Blux:Lite:MaxScriptRecursion", "0", null, Of<SettingEffectTests>(nameof(SettingEffectTests.Scripts_and_analyses_stop_at_the_configured_limits))),
        new("Blux:Lite:ScriptMemoryBudgetMb", "-1", null, Of<ScriptHostLimitsTests>(nameof(ScriptHostLimitsTests.A_script_is_never_given_more_memory_than_the_whole_budget))),
        new("Blux:Lite:MaxScriptOutputBytes", "0", null, Of<SettingEffectTests>(nameof(SettingEffectTests.Scripts_and_analyses_stop_at_the_configured_limits))),
        new("Blux:Lite:BusyDegradedSeconds", "-1", null, Of<ScriptHostLimitsTests>(nameof(ScriptHostLimitsTests.Health_is_degraded_while_no_worker_has_been_free_for_long_and_healthy_again_after))),
        new(TargetUrl, "ftp://example.com/", null, Of<WebhookRouteTests>(nameof(WebhookRouteTests.A_configured_target_gets_the_body_with_the_task_id_as_idempotency_key)), EchoesValue: false),
        new(TargetRedirects, "maybe", null, Of<WebhookRouteTests>(nameof(WebhookRouteTests.A_redirect_within_the_targets_origin_is_followed_where_allowed_303_as_a_get_and_the_others_with_the_body)),
            new Dictionary<string, string> { ["Blux__Lite__Webhooks__Targets__hook__Url"] = "http://127.0.0.1:1/" }),
        new("Blux:Lite:Webhooks:Retries", "-1", null, Of<WebhookLimitsTests>(nameof(WebhookLimitsTests.Retries_0_starts_and_sends_each_delivery_exactly_once))),
        new("Blux:Lite:Webhooks:RetryDelayMs", "-1", null, Of<WebhookRouteTests>(nameof(WebhookRouteTests.A_flaky_target_is_retried_within_one_attempt))),
        new("Blux:Lite:Webhooks:AttemptTimeoutSeconds", "0", null, Of<WebhookLimitsTests>(nameof(WebhookLimitsTests.A_slow_or_stalled_answer_ends_at_the_try_timeout))),
        new("Blux:Lite:Webhooks:MaxResponseBytes", "0", null, Of<WebhookRouteTests>(nameof(WebhookRouteTests.An_answer_over_the_cap_is_refused_while_it_is_read_and_never_buffered))),
        new("Blux:Lite:Webhooks:AnswerBudgetBytes", "0", null, Of<WebhookRouteTests>(nameof(WebhookRouteTests.Answers_in_flight_never_hold_more_than_the_budget_and_the_rest_wait_their_turn))),
        new("Blux:Lite:Webhooks:AnswerBudgetWaitSeconds", "-1", null, Of<WebhookLimitsTests>(nameof(WebhookLimitsTests.A_delivery_that_finds_the_answer_budget_spent_fails_without_being_sent))),
        new("Blux:Lite:Webhooks:MaxRedirects", "0", null, Of<WebhookRouteTests>(nameof(WebhookRouteTests.A_chain_of_same_origin_redirects_is_followed_up_to_the_limit_and_no_further))),
        new("Blux:Stores:DrainTimeout", "00:00:00", null, Of<WriterDrainTests>(nameof(WriterDrainTests.A_writer_the_disk_holds_up_at_a_stop_is_given_up_at_the_drain_timeout))),
        new("Blux:Stores:QuickCheckOnStart", "sometimes", null, "the default (true) refuses a malformed page: " + Of<StoreDamageTests>(nameof(StoreDamageTests.A_damaged_store_is_refused_with_one_line_naming_the_file_and_nothing_is_recreated))),
        new("--accept-store-reset", null, Of<StoreStartTests>(nameof(StoreStartTests.Accepting_a_store_that_does_not_exist_stops_the_start)), Of<StoreStartTests>(nameof(StoreStartTests.An_operator_accepting_a_damaged_store_starts_Blux_and_the_reset_is_audited))),
        new("Blux:Commander:MaxSessions", "0", null, Of<CommanderSessionTests>(nameof(CommanderSessionTests.Sessions_end_with_their_token_and_the_oldest_goes_when_the_store_is_full))),
        new("Blux:Commander:LiveIntervalMs", "50", null, "none outside a browser's clock: the live feed's frames, which " + Of<CommanderTests>(nameof(CommanderTests.The_overview_shows_health_live_numbers_and_a_valid_chain)) + " reads"),
        new("Blux:RateLimits:Enabled", "sometimes", null, "the default (true) limits: " + Of<RateLimitTests>(nameof(RateLimitTests.The_101st_call_of_a_user_in_a_minute_is_429_with_the_headers_and_the_envelope)) + "; the load tools turn it off"),
        new("Blux:RateLimits:Users:PerMinute", "0", null, Of<RateLimitTests>(nameof(RateLimitTests.The_101st_call_of_a_user_in_a_minute_is_429_with_the_headers_and_the_envelope))),
        new("Blux:RateLimits:Users:PerSecond", "0", null, Of<RateLimitTests>(nameof(RateLimitTests.More_than_50_calls_in_one_second_are_refused_until_the_second_is_over))),
        new("Blux:RateLimits:Services:PerMinute", "-1", null, Of<RateLimitTests>(nameof(RateLimitTests.A_service_has_a_budget_of_its_own_and_a_larger_one))),
        new("Blux:RateLimits:Services:PerSecond", "many", null, Of<RateLimitTests>(nameof(RateLimitTests.A_service_has_a_budget_of_its_own_and_a_larger_one))),
        new("Blux:RateLimits:Anonymous:PerMinute", "0", null, Of<RateLimitTests>(nameof(RateLimitTests.Token_requests_are_limited_per_client_address))),
        new("Blux:RateLimits:Anonymous:PerSecond", "0", null, Of<RateLimitTests>(nameof(RateLimitTests.Token_requests_are_limited_per_client_address))),
        new("Blux:Streams:MaxPerIdentity", "0", null, Of<StreamLimitTests>(nameof(StreamLimitTests.An_identity_holding_its_streams_is_refused_one_more_until_one_closes_and_others_are_not_held_up))),
        new("Blux:Reg:SecretLockout:FreeFailures", "-1", null, Of<SecretLockoutTests>(nameof(SecretLockoutTests.Each_wrong_secret_after_a_lockout_doubles_the_next_and_each_lockout_is_audited))),
        new("Blux:Reg:SecretLockout:FirstLockoutSeconds", "0", null, Of<SecretLockoutTests>(nameof(SecretLockoutTests.Each_wrong_secret_after_a_lockout_doubles_the_next_and_each_lockout_is_audited))),
        new("Blux:Reg:SecretLockout:MaxLockoutSeconds", "0.5", null, Of<SecretLockoutTests>(nameof(SecretLockoutTests.Each_wrong_secret_after_a_lockout_doubles_the_next_and_each_lockout_is_audited))),
        new("Blux:Reg:SecretLockout:MaxTrackedClients", "0", null, "none outside: it bounds the memory of wrong secrets, which no answer shows until 100,000 clients are tracked"),
        new("Blux:Logging:FileFormat", "xml", null, Of<TracingTests>(nameof(TracingTests.A_webhook_task_is_one_trace_from_the_request_to_the_outgoing_call))),
        new("OTEL_EXPORTER_OTLP_ENDPOINT", null, Otel, "turns the OTLP exporter on; " + Of<TracingTests>(nameof(TracingTests.A_webhook_task_is_one_trace_from_the_request_to_the_outgoing_call)) + " shows the spans it would send"),
        new("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", null, Otel, "the same, for traces alone"),
        new("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", null, Otel, "the same, for metrics alone"),
        new("OTEL_TRACES_SAMPLER", null, Otel, "read by the OpenTelemetry SDK; " + Of<TracingTests>(nameof(TracingTests.A_clients_traceparent_is_the_parent_of_the_request)) + " shows the default, parent-based sampling"),
        new("OTEL_TRACES_SAMPLER_ARG", null, Otel, "read by the OpenTelemetry SDK with OTEL_TRACES_SAMPLER"),
        new("Serilog:MinimumLevel", "Loud", null, Of<SettingEffectTests>(nameof(SettingEffectTests.The_configured_log_level_leaves_information_out_of_the_log))),
    ];

    /// <summary>The standard OpenTelemetry variables are read and checked by the OpenTelemetry SDK, not by Blux.</summary>
    private const string Otel = "read by the OpenTelemetry SDK, which ignores a value it cannot use and exports nothing";

    private static string Tls => Of<TlsSettingsRefusalTests>(nameof(TlsSettingsRefusalTests.A_tls_block_blux_cannot_serve_stops_the_start_with_one_line_naming_the_setting));

    /// <summary>A test named so that the compiler checks it exists.</summary>
    private static string Of<TTest>(string method) => $"{typeof(TTest).Name}.{method}";
}
