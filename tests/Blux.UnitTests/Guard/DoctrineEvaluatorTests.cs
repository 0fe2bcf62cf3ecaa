using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Doctrine;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Vocabulary;

namespace Blux.UnitTests.Guard;

public sealed class DoctrineEvaluatorTests
{
    private static readonly LoadedDoctrine Shipped = DefaultDoctrine.Load();
    private static readonly string[] Operator = ["operator"];
    private static readonly DoctrineRequirements Relaxed = new(false, false, AuditLevel.None);

    private static Evaluation Evaluate(string taskType, string environment, string sensitivity, DoctrineRequirements? requested = null, LoadedDoctrine? doctrine = null, IReadOnlyList<string>? roles = null) =>
        DoctrineEvaluator.Evaluate(doctrine ?? Shipped, roles ?? Operator, taskType, new TaskContext("alice", environment, sensitivity), requested ?? Relaxed);

    private static LoadedDoctrine Doctrine(string rules, string defaultEffect = "allow", string flags = "{}") =>
        ActiveDoctrine.Parse($$"""
            {
              "doctrine_version": 7,
              "flags": {{flags}},
              "constraints": { "max_execution_time": "5m", "max_memory_mb": 64, "allowed_data_sources": ["ref://data/a"] },
              "roles": { "operator": ["tasks:write"] },
              "rules": {{rules}},
              "default_effect": "{{defaultEffect}}"
            }
            """);

    [Fact]
    public void Low_risk_echo_in_development_is_allowed_by_the_default_effect()
    {
        var result = Evaluate("echo", "development", "low");

        result.Decision.Should().Be(ValidationDecision.Allow);
        result.Reasons.Should().ContainSingle().Which.Code.Should().Be("default_effect");
    }

    [Fact]
    public void A_matching_allow_rule_allows_and_names_itself()
    {
        var result = Evaluate("echo", "development", "high");

        result.Decision.Should().Be(ValidationDecision.Allow);
        result.Reasons.Select(r => r.RuleId).Should().Equal("sensitive-data-reflect-sandbox");
        result.Reasons.Should().NotContain(r => r.Code == "default_effect");
    }

    [Fact]
    public void Scripts_on_critical_data_are_denied()
    {
        var result = Evaluate("script", "development", "critical");

        result.Decision.Should().Be(ValidationDecision.Deny);
        result.Reasons.Select(r => r.RuleId).Should().Contain("no-critical-scripts");
    }

    [Fact]
    public void Scripts_below_critical_are_not_denied()
    {
        Evaluate("script", "development", "high").Decision.Should().Be(ValidationDecision.Allow);
    }

    [Fact]
    public void Production_webhooks_require_approval()
    {
        var result = Evaluate("webhook", "production", "low");

        result.Decision.Should().Be(ValidationDecision.RequireApproval);
        result.Reasons.Select(r => r.RuleId).Should().Equal("production-webhooks-need-approval");
    }

    [Fact]
    public void Webhooks_outside_production_are_allowed()
    {
        Evaluate("webhook", "staging", "low").Decision.Should().Be(ValidationDecision.Allow);
    }

    [Fact]
    public void Require_approval_beats_allow()
    {
        // high sensitivity matches the allow rule, production webhook the require_approval rule.
        var result = Evaluate("webhook", "production", "high");

        result.Reasons.Select(r => r.RuleId).Should().BeEquivalentTo("sensitive-data-reflect-sandbox", "production-webhooks-need-approval");
        result.Decision.Should().Be(ValidationDecision.RequireApproval);
    }

    [Fact]
    public void Deny_beats_allow()
    {
        var result = Evaluate("script", "production", "critical");

        result.Reasons.Select(r => r.RuleId).Should().Contain("sensitive-data-reflect-sandbox").And.Contain("no-critical-scripts");
        result.Decision.Should().Be(ValidationDecision.Deny);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Deny_beats_require_approval_whatever_the_rule_order(bool denyFirst)
    {
        const string approve = """{ "id": "approve-x", "match": { "task_types": ["x"] }, "effect": "require_approval" }""";
        const string deny = """{ "id": "deny-prod", "match": { "environments": ["production"] }, "effect": "deny" }""";
        var doctrine = Doctrine(denyFirst ? $"[{deny},{approve}]" : $"[{approve},{deny}]");

        Evaluate("x", "production", "low", doctrine: doctrine).Decision.Should().Be(ValidationDecision.Deny);
        Evaluate("x", "development", "low", doctrine: doctrine).Decision.Should().Be(ValidationDecision.RequireApproval);
    }

    [Theory]
    [InlineData("deny")]
    [InlineData("require_approval")]
    [InlineData("allow")]
    public void With_no_matching_rule_the_default_effect_applies(string defaultEffect)
    {
        var doctrine = Doctrine("""[{ "id": "only-y", "match": { "task_types": ["y"] }, "effect": "allow" }]""", defaultEffect);

        var result = Evaluate("x", "development", "low", doctrine: doctrine);

        result.Decision.Should().Be(defaultEffect);
        result.Reasons.Should().ContainSingle().Which.Code.Should().Be("default_effect");
        Evaluate("y", "development", "low", doctrine: doctrine).Decision.Should().Be(ValidationDecision.Allow);
    }

    [Fact]
    public void A_rule_limited_to_roles_matches_only_callers_holding_one()
    {
        var doctrine = Doctrine("""[{ "id": "services-denied", "match": { "roles": ["service"] }, "effect": "deny" }]""");

        Evaluate("x", "development", "low", doctrine: doctrine, roles: ["operator"]).Decision.Should().Be(ValidationDecision.Allow);
        Evaluate("x", "development", "low", doctrine: doctrine, roles: ["auditor", "service"]).Decision.Should().Be(ValidationDecision.Deny);
    }

    [Fact]
    public void A_rule_matches_only_when_every_listed_dimension_matches()
    {
        // no-critical-scripts lists task type AND sensitivity: critical echo is not a script.
        Evaluate("echo", "development", "critical").Reasons.Select(r => r.RuleId).Should().NotContain("no-critical-scripts");
    }

    [Fact]
    public void Rule_requirements_are_floors_a_request_cannot_relax()
    {
        var result = Evaluate("echo", "development", "high", new DoctrineRequirements(false, false, AuditLevel.None));

        result.Requirements.Should().Be(new EffectiveRequirements(true, true, AuditLevel.Detailed));
        result.DoctrineFlags.Should().Contain("reflection_required").And.Contain("sandbox_required");
    }

    [Fact]
    public void Without_a_matching_rule_the_relaxed_request_keeps_its_choices_above_the_audit_flag()
    {
        // audit_all_requests is set in the shipped doctrine: "none" is raised to "basic", nothing else is forced.
        var result = Evaluate("echo", "development", "low", new DoctrineRequirements(false, false, AuditLevel.None));

        result.Requirements.Should().Be(new EffectiveRequirements(false, false, AuditLevel.Basic));
        result.DoctrineFlags.Should().Contain("audit_all_requests").And.NotContain("reflection_required").And.NotContain("sandbox_required");
    }

    [Fact]
    public void Doctrine_flags_are_floors_a_request_cannot_relax()
    {
        var doctrine = Doctrine("[]", flags: """{ "require_reflection": true, "sandbox_all_operations": true, "audit_all_requests": true }""");

        var result = Evaluate("echo", "development", "low", new DoctrineRequirements(false, false, AuditLevel.None), doctrine);

        result.Requirements.Should().Be(new EffectiveRequirements(true, true, AuditLevel.Basic));
        result.DoctrineFlags.Should().Contain(["require_reflection", "sandbox_all_operations", "audit_all_requests"]);
    }

    [Fact]
    public void Without_the_audit_flag_the_requested_level_stands()
    {
        var doctrine = Doctrine("[]");

        Evaluate("echo", "development", "low", new DoctrineRequirements(false, false, AuditLevel.None), doctrine)
            .Requirements.Should().Be(new EffectiveRequirements(false, false, AuditLevel.None));
    }

    [Fact]
    public void A_request_may_tighten_requirements_where_the_doctrine_asks_for_nothing()
    {
        var result = Evaluate("echo", "development", "low", new DoctrineRequirements(true, true, AuditLevel.Verbose));

        result.Requirements.Should().Be(new EffectiveRequirements(true, true, AuditLevel.Verbose));
    }

    [Fact]
    public void A_request_may_tighten_beyond_a_rule_requirement()
    {
        var result = Evaluate("echo", "development", "high", new DoctrineRequirements(false, false, AuditLevel.Verbose));

        result.Requirements.AuditLevel.Should().Be(AuditLevel.Verbose);
    }

    [Theory]
    [InlineData(AuditLevel.None, AuditLevel.None, AuditLevel.None)]
    [InlineData(AuditLevel.None, AuditLevel.Basic, AuditLevel.Basic)]
    [InlineData(AuditLevel.None, AuditLevel.Detailed, AuditLevel.Detailed)]
    [InlineData(AuditLevel.None, AuditLevel.Verbose, AuditLevel.Verbose)]
    [InlineData(AuditLevel.Basic, AuditLevel.None, AuditLevel.Basic)]
    [InlineData(AuditLevel.Basic, AuditLevel.Basic, AuditLevel.Basic)]
    [InlineData(AuditLevel.Basic, AuditLevel.Detailed, AuditLevel.Detailed)]
    [InlineData(AuditLevel.Basic, AuditLevel.Verbose, AuditLevel.Verbose)]
    [InlineData(AuditLevel.Detailed, AuditLevel.None, AuditLevel.Detailed)]
    [InlineData(AuditLevel.Detailed, AuditLevel.Basic, AuditLevel.Detailed)]
    [InlineData(AuditLevel.Detailed, AuditLevel.Detailed, AuditLevel.Detailed)]
    [InlineData(AuditLevel.Detailed, AuditLevel.Verbose, AuditLevel.Verbose)]
    [InlineData(AuditLevel.Verbose, AuditLevel.None, AuditLevel.Verbose)]
    [InlineData(AuditLevel.Verbose, AuditLevel.Basic, AuditLevel.Verbose)]
    [InlineData(AuditLevel.Verbose, AuditLevel.Detailed, AuditLevel.Verbose)]
    [InlineData(AuditLevel.Verbose, AuditLevel.Verbose, AuditLevel.Verbose)]
    public void Of_the_requested_and_a_rule_s_audit_level_the_stricter_applies(AuditLevel requested, AuditLevel required, AuditLevel strictest)
    {
        var doctrine = Doctrine($$"""[{ "id": "r", "effect": "allow", "require": { "audit_level": "{{WireName<AuditLevel>.Of(required)}}" } }]""");

        Evaluate("echo", "development", "low", new DoctrineRequirements(false, false, requested), doctrine)
            .Requirements.AuditLevel.Should().Be(strictest);
    }

    [Fact]
    public void Of_several_matching_rules_the_strictest_audit_level_applies_in_any_order()
    {
        const string Verbose = """{ "id": "v", "effect": "allow", "require": { "audit_level": "verbose" } }""";
        const string Basic = """{ "id": "b", "effect": "allow", "require": { "audit_level": "basic" } }""";

        Evaluate("echo", "development", "low", new DoctrineRequirements(false, false, AuditLevel.None), Doctrine($"[{Verbose}, {Basic}]"))
            .Requirements.AuditLevel.Should().Be(AuditLevel.Verbose);
        Evaluate("echo", "development", "low", new DoctrineRequirements(false, false, AuditLevel.None), Doctrine($"[{Basic}, {Verbose}]"))
            .Requirements.AuditLevel.Should().Be(AuditLevel.Verbose);
    }

    [Theory]
    [InlineData("\"everything\"")]
    [InlineData("\"Verbose\"")]
    [InlineData("\"\"")]
    public void A_doctrine_naming_an_unknown_audit_level_is_not_loaded(string level)
    {
        var load = () => Doctrine($$"""[{ "id": "r", "effect": "allow", "require": { "audit_level": {{level}} } }]""");

        load.Should().Throw<System.Text.Json.JsonException>().WithInnerException<FormatException>().WithMessage("*none, basic, detailed or verbose*");
    }

    [Fact]
    public void Constraints_come_from_the_doctrine()
    {
        var result = Evaluate("echo", "development", "low", doctrine: Doctrine("[]"));

        result.Constraints.MaxExecutionTime.Should().Be(TimeSpan.FromMinutes(5));
        result.Constraints.MaxMemoryMb.Should().Be(64);
        result.Constraints.AllowedDataSources.Should().Equal("ref://data/a");
    }
}
