using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// A store that does not answer (its write lock held from outside, as a frozen disk or a stuck backup
/// would hold it): requests that need it get 503 with the envelope after the store timeout, never hang;
/// the health endpoints answer at once from memory and say degraded; a write that lands after its
/// request gave up is taken back; once the store answers again everything works and nothing is left
/// half done.
/// </summary>
public sealed class StalledStoreTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public StalledStoreTests(BluxFactory factory)
    {
        _factory = factory;
        _factory.Settings["Blux:Lite:StoreTimeoutSeconds"] = "1";
        _factory.Settings["Blux:Guard:StoreTimeoutSeconds"] = "1";
        _factory.Settings["Blux:Ca:StoreTimeoutSeconds"] = "1";
        _factory.Settings["Blux:Health:StoreProbeSeconds"] = "1";
    }

    /// <summary>Holds the write lock of one store file until disposed.</summary>
    private sealed class HeldStore : IDisposable
    {
        private readonly SqliteConnection _connection;

        public HeldStore(string path)
        {
            _connection = new SqliteConnection($"Data Source={path};Pooling=False");
            _connection.Open();
            using var begin = _connection.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE;";
            begin.ExecuteNonQuery();
        }

        public void Dispose()
        {
            using (var rollback = _connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK;";
                rollback.ExecuteNonQuery();
            }

            _connection.Dispose();
        }
    }

    private HeldStore Hold(string store) => new(Path.Combine(_factory.DataPath, store + ".db"));

    private static async Task<JsonObject> HealthAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.BodyAsync();
    }

    /// <summary>Polls /health (each answer from memory) until the module reports <paramref name="status"/>; fails after 30 s.</summary>
    private static Task<JsonObject> HealthReachesAsync(HttpClient client, string module, string status) =>
        Eventually.Async(() => HealthAsync(client), health => health["services"]![module]!.GetValue<string>() == status, $"{module} reports {status}");

    [Theory]
    [InlineData("lite", "blux-lite", "task_store")]
    [InlineData("guard", "blux-guard", "audit_store")]
    [InlineData("ca", "blux-ca", "reflection_store")]
    public async Task A_task_is_refused_503_while_a_store_does_not_answer_and_health_says_degraded_from_memory(string store, string module, string component)
    {
        using var client = await _factory.AdminClientAsync();
        (await client.PostAsync("/v1/tasks?wait=30", Json.Content(TaskRequest.Create("echo").ToJsonString()))).StatusCode.Should().Be(HttpStatusCode.OK);

        // Ca's store is written on the way in only when the request asks for reflection.
        var refused = TaskRequest.Create("echo", requireReflection: store == "ca");

        using (Hold(store))
        {
            var response = await client.PostAsync("/v1/tasks", Json.Content(refused.ToJsonString()));

            var body = await response.BodyAsync();
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, body.ToJsonString());
            body["error"]!["code"]!.GetValue<string>().Should().Be("SERVICE_UNAVAILABLE");
            body["error"]!["details"]!["component"]!.GetValue<string>().Should().Be(component);
            body["error"]!["timestamp"].Should().NotBeNull();

            // Every answer below comes while the store is still held: health never waits for it.
            var health = await HealthReachesAsync(client, module, "degraded");
            health["status"]!.GetValue<string>().Should().Be("degraded");
            (await client.GetAsync("/ready")).StatusCode.Should().Be(HttpStatusCode.OK, "a held store is degraded, not gone");
            await Eventually.Async(
                async () => (await (await client.GetAsync("/status/detailed")).BodyAsync())["modules"]![module]!["details"]!["store"]!["issue"]?.GetValue<string>() is "store_locked" or "store_stalled",
                "the store probe finds the store held");
            (await client.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await Eventually.Async(
            async () => (await client.GetAsync($"/v1/tasks/{refused.Id()}")).StatusCode == HttpStatusCode.NotFound,
            "a task refused with 503 must not exist, even if its row reached the store after the answer");
        HttpResponseMessage accepted = null!;
        await Eventually.Async(
            async () => (accepted = await client.PostAsync("/v1/tasks?wait=30", Json.Content(refused.ToJsonString()))).StatusCode != HttpStatusCode.Conflict,
            "a row being taken back is answered 409 task_id_in_progress, to be sent again");
        accepted.StatusCode.Should().Be(HttpStatusCode.OK, "the same request succeeds once the store answers: " + await accepted.Content.ReadAsStringAsync());
        (await accepted.BodyAsync())["status"]!.GetValue<string>().Should().Be("completed");
        await HealthReachesAsync(client, module, "healthy");
        (await (await client.GetAsync("/v1/audit/verify")).BodyAsync())["valid"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_row_that_reaches_the_store_after_its_request_was_refused_is_taken_back()
    {
        using var client = await _factory.AdminClientAsync();
        var request = TaskRequest.Create("echo");

        // Held past the request's 1 s, released within the writer's own 3 s wait: the insert lands late.
        var held = Hold("lite");
        var response = await client.PostAsync("/v1/tasks", Json.Content(request.ToJsonString()));
        held.Dispose();

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        await Eventually.Async(
            async () => (await client.GetAsync($"/v1/tasks/{request.Id()}")).StatusCode == HttpStatusCode.NotFound,
            "the late row is removed");
        var listed = await (await client.GetAsync("/v1/tasks?page_size=200")).BodyAsync();
        listed["tasks"]!.AsArray().Select(t => t!["task_id"]!.GetValue<string>()).Should().NotContain(request.Id());
        var audit = await (await client.GetAsync("/v1/audit?operation=task.create&page_size=200")).BodyAsync();
        audit["entries"]!.AsArray().Select(e => e!["data"]?["task_id"]?.GetValue<string>()).Should().NotContain(request.Id(), "nothing was audited for it");
    }

    [Fact]
    public async Task An_approval_refused_503_on_a_held_store_leaves_the_task_awaiting_approval()
    {
        using var admin = await _factory.AdminClientAsync();
        await admin.HoldForApprovalAsync("test", "staging");
        var request = TaskRequest.Create("test", environment: "staging");
        (await admin.SubmitAsync(request))["status"]!.GetValue<string>().Should().Be("awaiting_approval");
        var (id, secret) = await Reg.RegApi.CreateIdentityAsync(_factory, "user", ["approver"]);
        using var approver = Reg.RegApi.BearerClient(_factory, await Reg.RegApi.TokenAsync(_factory, id, secret));

        HttpResponseMessage refused;
        using (Hold("lite"))
        {
            refused = await approver.ActAsync(request.Id(), "approve");
        }

        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await refused.BodyAsync())["error"]!["details"]!["component"]!.GetValue<string>().Should().Be("task_store");

        // The refused approval is taken back if it landed late, so a new one goes through, once.
        var approved = await approver.ActAsync(request.Id(), "approve");
        approved.StatusCode.Should().Be(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var task = await admin.FinishedAsync(request.Id());
        task["status"]!.GetValue<string>().Should().Be("completed");
        task.Operations().Should().Equal("task.create", "task.approve", "task.execute");
    }

    [Fact]
    public async Task A_store_file_gone_while_running_shows_unhealthy_and_not_ready_and_the_probe_never_recreates_it()
    {
        using var client = await _factory.AdminClientAsync();
        var path = Path.Combine(_factory.DataPath, "ca.db");
        var aside = path + ".aside";

        File.Move(path, aside);
        try
        {
            await HealthReachesAsync(client, "blux-ca", "unhealthy");
            var ready = await client.GetAsync("/ready");
            ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await ready.BodyAsync())["error"]!["details"]!["component"]!.GetValue<string>().Should().Contain("blux-ca");
            var detailed = await (await client.GetAsync("/status/detailed")).BodyAsync();
            detailed["modules"]!["blux-ca"]!["details"]!["store"]!["issue"]!.GetValue<string>().Should().Be("store_unreachable");
            detailed["modules"]!["blux-ca"]!["details"]!["store_reachable"]!.GetValue<bool>().Should().BeFalse();
            File.Exists(path).Should().BeFalse("a probe opens a store, it never makes an empty one in its place");
        }
        finally
        {
            File.Move(aside, path);
        }

        await HealthReachesAsync(client, "blux-ca", "healthy");
        (await client.GetAsync("/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
