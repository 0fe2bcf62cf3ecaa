using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Json;

namespace Blux.IntegrationTests;

/// <summary>The README's walkthrough, through the real host: bootstrap secret → token → task → audit → verify.</summary>
public sealed class WalkthroughTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public WalkthroughTests(BluxFactory factory) => _factory = factory;

    [Fact]
    public async Task Seed_task_runs_through_all_four_modules_and_leaves_a_verifiable_signed_trail()
    {
        using var client = await _factory.AdminClientAsync();
        using var signer = await RequestSigner.RegisterAsync(client);
        var request = signer.Sign(TaskRequest.Guide("echo"));
        var taskId = request["task_id"]!.GetValue<string>();

        var accepted = await client.PostAsync("/v1/tasks", Json.Content(request.ToJsonString()));
        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var acceptedBody = await accepted.BodyAsync();
        acceptedBody["task_id"]!.GetValue<string>().Should().Be(taskId);
        acceptedBody["status"]!.GetValue<string>().Should().Be("accepted");
        var createAuditId = acceptedBody["audit_id"]!.GetValue<string>();
        createAuditId.Should().StartWith("aud_");

        var task = await WaitForTerminalAsync(client, taskId);
        task["status"]!.GetValue<string>().Should().Be("completed");
        task["audit_id"]!.GetValue<string>().Should().Be(createAuditId);
        task["result"]!["echo"]!.ToJsonString().Should().Be(request["payload"]!.ToJsonString());
        task["route"]!["selected_route"]!.GetValue<string>().Should().Be("echo");
        task["route"]!["doctrine_flags"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Contain(["reflection_used", "sandboxed", "signature_verified"]);
        task["reflection"]!["risk"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        task["effective_requirements"]!["sandbox_execution"]!.GetValue<bool>().Should().BeTrue();

        var trail = task["audit_trail"]!.AsArray().Select(r => r!.AsObject()).ToArray();
        trail.Select(r => r["operation"]!.GetValue<string>()).Should().Equal("task.create", "task.execute");
        trail[0]["audit_id"]!.GetValue<string>().Should().Be(createAuditId);
        var execute = trail[1];
        execute["input_hash"]!.GetValue<string>().Should().Be(BluxHash.OfCanonical(request["payload"]));
        execute["output_hash"]!.GetValue<string>().Should().Be(BluxHash.OfCanonical(task["result"]));

        var events = (await (await client.GetAsync($"/v1/tasks/{taskId}/events")).BodyAsync())["events"]!.AsArray()
            .Select(e => e!["event"]!.AsObject()).ToArray();
        events.Select(e => e["event_type"]!.GetValue<string>()).Should().Equal("TaskStart", "ReflectionNote", "RouteDecision", "TaskCompleted");
        events.Take(3).Should().AllSatisfy(e => e["audit_id"]!.GetValue<string>().Should().Be(createAuditId));
        events[3]["audit_id"]!.GetValue<string>().Should().Be(execute["audit_id"]!.GetValue<string>());
        events.Should().AllSatisfy(e => e["signature"]!.GetValue<string>().Should().StartWith("hs256-"));
        events.Select(e => e["source"]!.GetValue<string>()).Should().Equal("blux-lite", "blux-ca", "blux-lite", "blux-lite");
        trail[0]["related_events"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Equal(events.Take(3).Select(e => e["event_id"]!.GetValue<string>()));
        events[3]["result_hash"]!.GetValue<string>().Should().Be(execute["output_hash"]!.GetValue<string>());

        var record = await (await client.GetAsync($"/v1/audit/{execute["audit_id"]}")).BodyAsync();
        await VerifyAuditSignatureAsync(client, record);

        var verify = await (await client.GetAsync("/v1/audit/verify")).BodyAsync();
        verify["valid"]!.GetValue<bool>().Should().BeTrue();
        verify["first_failure"].Should().BeNull();
        verify["checked"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Wait_parameter_answers_the_finished_task_with_the_audit_id_of_its_creation()
    {
        using var client = await _factory.AdminClientAsync();
        var request = TaskRequest.WholeFlow("test");

        var response = await client.PostAsync("/v1/tasks?wait=30", Json.Content(request.ToJsonString()));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.BodyAsync();
        body["status"]!.GetValue<string>().Should().Be("completed");
        var trail = body["audit_trail"]!.AsArray();
        trail.Should().HaveCount(2);
        var auditId = body["audit_id"]!.GetValue<string>();
        auditId.Should().Be(trail[0]!["audit_id"]!.GetValue<string>()).And.StartWith("aud_").And.NotStartWith("aud_err_");
        trail[0]!["operation"]!.GetValue<string>().Should().Be("task.create");

        var record = await (await client.GetAsync($"/v1/audit/{auditId}")).BodyAsync();
        record["operation"]!.GetValue<string>().Should().Be("task.create");
        record["data"]!["task_id"]!.GetValue<string>().Should().Be(request["task_id"]!.GetValue<string>());

        var again = await client.GetTaskAsync(request["task_id"]!.GetValue<string>());
        again["audit_id"]!.GetValue<string>().Should().Be(auditId);
    }

    [Fact]
    public async Task Same_task_id_and_body_returns_the_same_task_and_another_body_is_a_conflict()
    {
        using var client = await _factory.AdminClientAsync();
        var request = TaskRequest.WholeFlow("echo");

        var first = await (await client.PostAsync("/v1/tasks", Json.Content(request.ToJsonString()))).BodyAsync();
        var again = await client.PostAsync("/v1/tasks", Json.Content(request.ToJsonString()));
        again.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await again.BodyAsync())["audit_id"]!.GetValue<string>().Should().Be(first["audit_id"]!.GetValue<string>());

        request["payload"] = new JsonObject { ["changed"] = true };
        var conflict = await client.PostAsync("/v1/tasks", Json.Content(request.ToJsonString()));
        conflict.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await conflict.BodyAsync())["error"]!["code"]!.GetValue<string>().Should().Be("CONFLICT");
    }

    private static Task<JsonObject> WaitForTerminalAsync(HttpClient client, string taskId) =>
        Eventually.Async(
            async () => await (await client.GetAsync($"/v1/tasks/{taskId}")).BodyAsync(),
            task => task["status"]!.GetValue<string>() is "completed" or "failed" or "timed_out" or "cancelled" or "rejected",
            $"task {taskId} finishes");

    /// <summary>Checks a record the way an outside verifier would: JCS, SHA-256, ES512 against the published JWK.</summary>
    private static async Task VerifyAuditSignatureAsync(HttpClient client, JsonObject record)
    {
        var unsealed = (JsonObject)record.DeepClone();
        unsealed.Remove("record_hash");
        unsealed.Remove("signature");
        var recordHash = record["record_hash"]!.GetValue<string>();
        BluxHash.Sha256(Encoding.UTF8.GetBytes(CanonicalJson.ToText(unsealed))).Should().Be(recordHash);

        var jwks = await client.GetFromJsonAsync<JsonObject>("/.well-known/jwks.json");
        var jwk = jwks!["keys"]!.AsArray().Single(k => k!["kid"]!.GetValue<string>() == record["key_id"]!.GetValue<string>())!;
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP521,
            Q = new ECPoint { X = Base64Url.Decode(jwk["x"]!.GetValue<string>()), Y = Base64Url.Decode(jwk["y"]!.GetValue<string>()) },
        });
        var signature = Base64Url.Decode(record["signature"]!.GetValue<string>()["es512-".Length..]);
        key.VerifyData(Encoding.ASCII.GetBytes(recordHash), signature, HashAlgorithmName.SHA512).Should().BeTrue();
    }
}
