using Blux.Modules.Ca.Contracts;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Execution;
using Blux.Modules.Lite.Routes;
using Blux.SharedKernel.Events;

namespace Blux.UnitTests.Lite;

/// <summary>A payload the doctrine's constraints forbid (a data source not allowed) is denied like a doctrine deny.</summary>
public sealed class TaskOutcomePlannerConstraintTests
{
    private static readonly ITaskRoute Route = new FakeTaskRoute("analysis", sandboxed: true);

    private static ValidationDecision Decision(string decision) =>
        new(decision, [], [], new EffectiveRequirements(false, false, AuditLevel.Basic), new DoctrineConstraints(TimeSpan.FromSeconds(30), 512, ["ref://data/public-*"]), 1, "sha256-x", "dec_1");

    [Fact]
    public void A_constraint_denial_rejects_what_the_doctrine_allows_and_says_why()
    {
        var outcome = TaskOutcomePlanner.Plan(Decision(ValidationDecision.Allow), null, Route, "Data source ref://data/secret is not in the doctrine's allowed_data_sources.");

        outcome.Status.Should().Be(TaskStatuses.Rejected);
        outcome.Rationale.Should().Contain("allowed_data_sources");
        outcome.Reasons.Should().Contain(r => r.Contains("ref://data/secret", StringComparison.Ordinal));
    }

    [Fact]
    public void A_constraint_denial_wins_over_a_hold_for_approval()
    {
        var note = new Reflection("note_1", "task_1", "Insight.", 0.7, [], "high", 0.6, Reflection.RequireApproval, [], Reflect.Medium);

        TaskOutcomePlanner.Plan(Decision(ValidationDecision.RequireApproval), note, Route, "not allowed")
            .Status.Should().Be(TaskStatuses.Rejected);
    }

    [Fact]
    public void Without_a_constraint_denial_the_plan_is_unchanged()
    {
        TaskOutcomePlanner.Plan(Decision(ValidationDecision.Allow), null, Route, null).Status.Should().Be(TaskStatuses.Queued);
    }
}
