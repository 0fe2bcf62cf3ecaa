using System.Net;
using Blux.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Blux.IntegrationTests.Guard;

/// <summary>When the audit store cannot take a record, nothing that needs one is reported done.</summary>
public sealed class FailClosedTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public FailClosedTests(BluxFactory factory)
    {
        _factory = factory;
        _factory.Settings["Blux:Guard:StoreTimeoutSeconds"] = "1";
    }

    [Fact]
    public async Task Tasks_are_refused_with_503_while_the_audit_store_is_unwritable_and_accepted_again_after()
    {
        using var client = await _factory.AdminClientAsync();
        var blocked = TaskRequest.WholeFlow("echo");

        using (var locker = new SqliteConnection($"Data Source={Path.Combine(_factory.DataPath, "guard.db")};Pooling=False"))
        {
            locker.Open();
            using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                begin.ExecuteNonQuery();
            }

            var refused = await client.PostAsync("/v1/tasks", Json.Content(blocked.ToJsonString()));

            refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await refused.BodyAsync())["error"]!["code"]!.GetValue<string>().Should().Be("SERVICE_UNAVAILABLE");
            var health = await (await client.GetAsync("/health")).BodyAsync();
            health["services"]!["blux-guard"]!.GetValue<string>().Should().Be("degraded");

            using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        (await client.GetAsync($"/v1/tasks/{blocked["task_id"]}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the refused task never existed");

        var accepted = await client.PostAsync("/v1/tasks?wait=30", Json.Content(TaskRequest.WholeFlow("echo").ToJsonString()));
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await accepted.BodyAsync())["status"]!.GetValue<string>().Should().Be("completed");
        var verify = await (await client.GetAsync("/v1/audit/verify")).BodyAsync();
        verify["valid"]!.GetValue<bool>().Should().BeTrue();
    }
}
