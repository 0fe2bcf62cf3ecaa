using System.Text.Json.Nodes;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Domain;
using Blux.Modules.Lite.Execution;
using Blux.SharedKernel.Json;
using Microsoft.Extensions.Logging.Abstractions;

namespace Blux.UnitTests.Lite;

/// <summary>Whatever a route hands back, its run ends with an outcome that can be kept and recorded.</summary>
public sealed class ExecutionRecordsTests
{
    private static readonly ExecutionRecords Records = new(TimeProvider.System, NullLogger<ExecutionRecords>.Instance);

    private static JsonNode Nested(int depth)
    {
        JsonNode node = 1;
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    private static ExecutionRecord Completed(JsonNode result) =>
        Records.Build(TaskRecords.New(TaskStatuses.Running), new JsonObject(), new RunOutcome(TaskStatuses.Completed, result, null, null, 5));

    [Fact]
    public void A_storable_result_is_kept_as_the_completed_outcome()
    {
        var record = Completed(new JsonObject { ["output"] = Nested(32) });

        record.Pending.To.Should().Be(TaskStatuses.Completed);
        record.Pending.ResultJson.Should().Contain("[[[[");
        BluxJson.Deserialize<PendingTransition>(record.Json)!.AuditId.Should().Be(record.Pending.AuditId);
        record.Event.Should().BeOfType<Blux.SharedKernel.Events.TaskCompleted>();
    }

    public static TheoryData<JsonNode> Unstorable() => new()
    {
        new JsonObject { ["output"] = Nested(70) },
        new JsonObject { ["output"] = Nested(61) },
        JsonNode.Parse("{\"output\":\"half \\ud800 a pair\"}")!,
        JsonNode.Parse("{\"output\":{\"text\\udc00\":1}}")!,
    };

    [Theory]
    [MemberData(nameof(Unstorable))]
    public void A_result_that_cannot_be_stored_fails_the_task_with_a_code(JsonNode result)
    {
        var record = Completed(result);

        record.Pending.To.Should().Be(TaskStatuses.Failed);
        record.Pending.ErrorCode.Should().Be(ExecutionRecords.ResultNotStorable);
        record.Pending.ResultJson.Should().BeNull();
        record.Pending.Audit.Data!["error_code"]!.GetValue<string>().Should().Be(ExecutionRecords.ResultNotStorable);
        BluxJson.Deserialize<PendingTransition>(record.Json)!.ErrorCode.Should().Be(ExecutionRecords.ResultNotStorable, "the failure itself is stored");
        record.Event.Should().BeOfType<Blux.SharedKernel.Events.TaskFailed>();
    }
}
