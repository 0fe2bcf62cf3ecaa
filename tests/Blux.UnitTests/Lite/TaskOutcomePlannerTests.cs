using Blux.Modules.Ca.Contracts;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Execution;
using Blux.Modules.Lite.Routes;
using Blux.SharedKernel.Events;

namespace Blux.UnitTests.Lite;

public sealed class TaskOutcomePlannerTests
{
    private static readonly ITaskRoute SandboxedRoute = new FakeTaskRoute("inside", sandboxed: true);
    private static readonly ITaskRoute OpenRoute = new FakeTaskRoute("outside", sandboxed: false);

    private static ValidationDecision Decision(string decision = ValidationDecision.Allow, bool sandbox = false, bool reflection = false, string? ruleId = null) =>
        new(
            decision,
            [new DecisionReason(ruleId is null ? "default_effect" : "rule_matched", "Because.", ruleId)],
            ["audit_all_requests"],
            new EffectiveRequirements(reflection, sandbox, AuditLevel.Basic),
            new DoctrineConstraints(TimeSpan.FromSeconds(30), 512, []),
            3,
            "sha256-digest",
            "dec_1");

    private static Reflection Note(string recommendation) =>
        new("note_1", "task_1", "Insight.", 0.7, [], recommendation switch
        {
            Reflection.Proceed => "low",
            Reflection.Sandbox => "medium",
            Reflection.RequireApproval => "high",
            _ => "critical",
        }, 0.5, recommendation, [], Reflect.Medium);

    [Fact]
    public void An_allowed_task_without_reflection_is_queued()
    {
        var outcome = TaskOutcomePlanner.Plan(Decision(), null, SandboxedRoute);

        outcome.Status.Should().Be(TaskStatuses.Queued);
        outcome.Route.Should().Be("inside");
        outcome.Requirements.SandboxExecution.Should().BeFalse();
    }

    [Fact]
    public void An_allowed_task_that_reflection_lets_proceed_is_queued_on_an_unsandboxed_route()
    {
        var outcome = TaskOutcomePlanner.Plan(Decision(), Note(Reflection.Proceed), OpenRoute);

        outcome.Status.Should().Be(TaskStatuses.Queued);
        outcome.Flags.Should().Contain("reflection_used").And.NotContain("sandboxed");
    }

    [Fact]
    public void A_doctrine_deny_rejects()
    {
        var outcome = TaskOutcomePlanner.Plan(Decision(ValidationDecision.Deny, ruleId: "no-critical-scripts"), Note(Reflection.Proceed), SandboxedRoute);

        outcome.Status.Should().Be(TaskStatuses.Rejected);
        outcome.Rationale.Should().Contain("no-critical-scripts");
    }

    [Fact]
    public void A_doctrine_deny_wins_over_a_reflection_asking_for_approval()
    {
        TaskOutcomePlanner.Plan(Decision(ValidationDecision.Deny), Note(Reflection.RequireApproval), SandboxedRoute)
            .Status.Should().Be(TaskStatuses.Rejected);
    }

    [Fact]
    public void A_reflection_deny_rejects_what_the_doctrine_allows()
    {
        var outcome = TaskOutcomePlanner.Plan(Decision(), Note(Reflection.Deny), SandboxedRoute);

        outcome.Status.Should().Be(TaskStatuses.Rejected);
        outcome.Rationale.Should().Contain("reflection");
    }

    [Fact]
    public void A_reflection_deny_rejects_what_the_doctrine_holds_for_approval()
    {
        TaskOutcomePlanner.Plan(Decision(ValidationDecision.RequireApproval), Note(Reflection.Deny), SandboxedRoute)
            .Status.Should().Be(TaskStatuses.Rejected);
    }

    [Fact]
    public void A_required_sandbox_rejects_an_unsandboxed_route()
    {
        var outcome = TaskOutcomePlanner.Plan(Decision(sandbox: true), null, OpenRoute);

        outcome.Status.Should().Be(TaskStatuses.Rejected);
        outcome.Rationale.Should().Contain("outside");
        outcome.Reasons.Should().Contain(outcome.Rationale);
    }

    [Fact]
    public void A_required_sandbox_is_satisfied_by_a_sandboxed_route()
    {
        var outcome = TaskOutcomePlanner.Plan(Decision(sandbox: true), null, SandboxedRoute);

        outcome.Status.Should().Be(TaskStatuses.Queued);
        outcome.Requirements.SandboxExecution.Should().BeTrue();
        outcome.Flags.Should().Contain("sandboxed");
    }

    [Fact]
    public void A_required_sandbox_rejects_an_unsandboxed_route_even_when_approval_would_be_asked()
    {
        TaskOutcomePlanner.Plan(Decision(ValidationDecision.RequireApproval, sandbox: true), null, OpenRoute)
            .Status.Should().Be(TaskStatuses.Rejected);
    }

    [Fact]
    public void A_doctrine_require_approval_holds_the_task()
    {
        var outcome = TaskOutcomePlanner.Plan(Decision(ValidationDecision.RequireApproval), null, OpenRoute);

        outcome.Status.Should().Be(TaskStatuses.AwaitingApproval);
        outcome.Rationale.Should().Contain("approval");
    }

    [Fact]
    public void A_reflection_require_approval_holds_what_the_doctrine_allows()
    {
        TaskOutcomePlanner.Plan(Decision(), Note(Reflection.RequireApproval), SandboxedRoute)
            .Status.Should().Be(TaskStatuses.AwaitingApproval);
    }

    [Fact]
    public void A_reflection_recommending_sandbox_turns_the_sandbox_on()
    {
        var outcome = TaskOutcomePlanner.Plan(Decision(sandbox: false), Note(Reflection.Sandbox), SandboxedRoute);

        outcome.Status.Should().Be(TaskStatuses.Queued);
        outcome.Requirements.SandboxExecution.Should().BeTrue();
    }

    [Fact]
    public void A_reflection_recommending_sandbox_rejects_an_unsandboxed_route()
    {
        TaskOutcomePlanner.Plan(Decision(sandbox: false), Note(Reflection.Sandbox), OpenRoute)
            .Status.Should().Be(TaskStatuses.Rejected);
    }

    [Fact]
    public void Effective_requirements_and_flags_of_the_doctrine_are_carried_forward()
    {
        var outcome = TaskOutcomePlanner.Plan(Decision(reflection: true), Note(Reflection.Proceed), SandboxedRoute);

        outcome.Requirements.RequireReflection.Should().BeTrue();
        outcome.Requirements.AuditLevel.Should().Be(AuditLevel.Basic);
        outcome.Flags.Should().Contain(["audit_all_requests", "reflection_used", "sandboxed"]).And.OnlyHaveUniqueItems();
        outcome.Reasons.Should().Contain("Because.").And.Contain(r => r.StartsWith("Reflection:", StringComparison.Ordinal));
    }
}
