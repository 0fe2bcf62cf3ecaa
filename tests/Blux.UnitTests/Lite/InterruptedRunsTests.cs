using System.Text.Json.Nodes;
using Blux.Modules.Lite;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Domain;
using Blux.Modules.Lite.Execution;
using Blux.Modules.Lite.Routes;
using Microsoft.Extensions.Options;

namespace Blux.UnitTests.Lite;

/// <summary>A run cut off before its outcome was kept: retried, failed, or — for a script after a crash — never run again.</summary>
public sealed class InterruptedRunsTests
{
    private static readonly InterruptedRuns Runs = new(
        new RetryPolicy(Options.Create(new LiteOptions { MaxAttempts = 3 })),
        new RouteRegistry([new EchoRoute(), ScriptRoutes.Create(new LiteOptions())]),
        TimeProvider.System);

    private static TaskRecord Running(string type, int attempts, string? cancelRequestedBy = null)
    {
        var task = new TaskRecord
        {
            TaskId = "task_1",
            Type = type,
            Status = TaskStatuses.Running,
            Identity = "alice",
            IdentityAudit = "user:alice",
            BodyHash = "sha256-x",
            ContextJson = "{}",
            PayloadJson = new JsonObject { ["language"] = "javascript", ["source"] = "1" }.ToJsonString(),
            RequirementsJson = "{\"require_reflection\":false,\"sandbox_execution\":false,\"audit_level\":\"basic\"}",
            DecisionJson = "{}",
            Route = type,
            RouteJson = "{}",
            MaxExecutionMs = 30_000,
            CreateAuditId = "aud_1",
            EventIdsJson = "[]",
            AuditTrailJson = "[\"aud_1\"]",
            CreatedAt = DateTimeOffset.UnixEpoch,
            Attempts = attempts,
            CancelRequestedBy = cancelRequestedBy,
        };
        return task;
    }

    [Fact]
    public void A_script_running_when_the_process_died_fails_execution_crashed_on_its_first_attempt()
    {
        var pending = Runs.Plan(Running("script", attempts: 1), crashed: true);

        pending.To.Should().Be(TaskStatuses.Failed);
        pending.ErrorCode.Should().Be(InterruptedRuns.Crashed);
        pending.ErrorMessage.Should().Contain("not run again");
        pending.Audit.Data!["error_code"]!.GetValue<string>().Should().Be(InterruptedRuns.Crashed);
        pending.Events.Should().ContainSingle();
    }

    [Fact]
    public void An_echo_running_when_the_process_died_runs_again_while_it_has_attempts()
    {
        Runs.Plan(Running("echo", attempts: 1), crashed: true).Should().Match<PendingTransition>(p => p.To == TaskStatuses.Queued && p.ErrorCode == InterruptedRuns.Interrupted);
        Runs.Plan(Running("echo", attempts: 3), crashed: true).Should().Match<PendingTransition>(p => p.To == TaskStatuses.Failed && p.ErrorCode == InterruptedRuns.Interrupted);
    }

    [Fact]
    public void A_script_cut_off_in_a_living_process_runs_again_like_any_other_task()
    {
        var pending = Runs.Plan(Running("script", attempts: 1), crashed: false);

        pending.To.Should().Be(TaskStatuses.Queued);
        pending.ErrorCode.Should().Be(InterruptedRuns.Interrupted);
        pending.Events.Should().BeEmpty();
    }

    [Fact]
    public void A_cancel_asked_before_the_crash_wins()
    {
        var pending = Runs.Plan(Running("script", attempts: 1, cancelRequestedBy: "user:bob"), crashed: true);

        pending.To.Should().Be(TaskStatuses.Cancelled);
        pending.ErrorCode.Should().Be("CANCELLED");
    }
}
