using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Json;

namespace Blux.IntegrationTests.Guard;

/// <summary>Request signatures, freshness and replay (docs/contract.md#signed-requests): each refusal answers its status and details and is audited.</summary>
public sealed class SignedRequestTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public SignedRequestTests(BluxFactory factory) => _factory = factory;

    [Fact]
    public async Task A_valid_signature_is_accepted()
    {
        // A host of its own: the refusals the other tests cause raise admin's risk in Ca's eyes,
        // which would hold this task for approval.
        using var fresh = new BluxFactory();
        using var client = await fresh.AdminClientAsync();
        using var signer = await RequestSigner.RegisterAsync(client);

        var response = await client.PostAsync("/v1/tasks?wait=30", Json.Content(signer.Sign(TaskRequest.Guide("echo")).ToJsonString()));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var task = await response.BodyAsync();
        task["status"]!.GetValue<string>().Should().Be("completed");
        task["route"]!["doctrine_flags"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Contain("signature_verified");
    }

    [Fact]
    public async Task High_sensitivity_without_a_signature_is_refused()
    {
        using var client = await _factory.AdminClientAsync();

        await ExpectRefusalAsync(client, TaskRequest.Guide("echo"), HttpStatusCode.BadRequest, "signature", "missing_signature", "signature.invalid");
    }

    [Fact]
    public async Task A_signature_by_another_key_is_refused()
    {
        using var client = await _factory.AdminClientAsync();
        using var registered = await RequestSigner.RegisterAsync(client);
        var request = registered.Sign(TaskRequest.Guide("echo"));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var unsigned = (JsonObject)request.DeepClone();
        unsigned.Remove("signature");
        request["signature"] = SignatureFormat.Es512(other.SignData(CanonicalJson.ToUtf8Bytes(unsigned), HashAlgorithmName.SHA512));

        await ExpectRefusalAsync(client, request, HttpStatusCode.BadRequest, "signature", "invalid_signature", "signature.invalid");
    }

    [Fact]
    public async Task The_high_S_twin_of_a_valid_signature_is_refused()
    {
        using var client = await _factory.AdminClientAsync();
        using var signer = await RequestSigner.RegisterAsync(client);
        var request = signer.Sign(TaskRequest.Guide("echo"));
        SignatureFormat.TryDecode(request["signature"]!.GetValue<string>(), SignatureFormat.Es512Prefix, out var signature).Should().BeTrue();
        request["signature"] = SignatureFormat.Es512(Es512.Twin(signature));

        await ExpectRefusalAsync(client, request, HttpStatusCode.BadRequest, "signature", "high_s_signature", "signature.invalid");
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        using var client = await _factory.AdminClientAsync();
        using var signer = await RequestSigner.RegisterAsync(client);
        var request = signer.Sign(TaskRequest.Guide("echo"));
        request["payload"]!["operation"] = "exfiltrate";

        await ExpectRefusalAsync(client, request, HttpStatusCode.BadRequest, "signature", "invalid_signature", "signature.invalid");
    }

    [Fact]
    public async Task An_unregistered_kid_is_refused()
    {
        using var client = await _factory.AdminClientAsync();
        using var signer = await RequestSigner.RegisterAsync(client);
        var request = signer.Sign(TaskRequest.Guide("echo"));
        request["kid"] = "nobody-s-key";

        await ExpectRefusalAsync(client, request, HttpStatusCode.BadRequest, "kid", "unknown_key", "signature.invalid");
    }

    [Theory]
    [InlineData(-301, "expired_timestamp")]
    [InlineData(301, "future_timestamp")]
    public async Task Stale_and_future_timestamps_are_refused(int offsetSeconds, string issue)
    {
        using var client = await _factory.AdminClientAsync();
        using var signer = await RequestSigner.RegisterAsync(client);
        var request = signer.Sign(TaskRequest.Guide("echo"), DateTimeOffset.UtcNow.AddSeconds(offsetSeconds));

        var error = await ExpectRefusalAsync(client, request, HttpStatusCode.BadRequest, "signature", issue, "access.denied");
        error["details"]!["expected_format"]!.GetValue<string>().Should().Contain("ES512");
    }

    [Fact]
    public async Task A_replayed_task_id_with_another_body_is_refused()
    {
        using var client = await _factory.AdminClientAsync();
        using var signer = await RequestSigner.RegisterAsync(client);
        var original = signer.Sign(TaskRequest.Guide("echo"));
        (await client.PostAsync("/v1/tasks", Json.Content(original.ToJsonString()))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var retry = await client.PostAsync("/v1/tasks", Json.Content(signer.Sign(TaskRequest.Guide("echo", original["task_id"]!.GetValue<string>())).ToJsonString()));
        retry.StatusCode.Should().Be(HttpStatusCode.Accepted, "the same body, signed again, is a harmless retry");

        var replay = TaskRequest.Guide("echo", original["task_id"]!.GetValue<string>());
        replay["payload"] = new JsonObject { ["operation"] = "something else" };
        var response = await client.PostAsync("/v1/tasks", Json.Content(signer.Sign(replay).ToJsonString()));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var error = (await response.BodyAsync())["error"]!;
        error["details"]!["field"]!.GetValue<string>().Should().Be("task_id");
        var record = await (await client.GetAsync($"/v1/audit/{error["audit_id"]!.GetValue<string>()}")).BodyAsync();
        record["operation"]!.GetValue<string>().Should().Be("access.denied");
        record["status"]!.GetValue<string>().Should().Be("denied");
    }

    [Fact]
    public async Task A_signed_request_without_a_task_id_is_refused_every_time_it_is_sent()
    {
        using var client = await _factory.AdminClientAsync();
        using var signer = await RequestSigner.RegisterAsync(client);
        var unsigned = TaskRequest.Guide("echo");
        unsigned.Remove("task_id");
        var signed = signer.Sign(unsigned).ToJsonString();
        var tasksBefore = await TaskCountAsync(client);

        foreach (var attempt in new[] { 1, 2 })
        {
            var response = await client.PostAsync("/v1/tasks", Json.Content(signed));

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"attempt {attempt}");
            var error = (await response.BodyAsync())["error"]!;
            error["details"]!["field"]!.GetValue<string>().Should().Be("task_id");
            error["details"]!["issue"]!.GetValue<string>().Should().Be("missing_field");
            var record = await (await client.GetAsync($"/v1/audit/{error["audit_id"]!.GetValue<string>()}")).BodyAsync();
            record["operation"]!.GetValue<string>().Should().Be("signature.invalid");
        }

        (await TaskCountAsync(client)).Should().Be(tasksBefore, "a signature that names no task makes none");
    }

    [Fact]
    public async Task A_signed_request_sent_again_finds_its_task_and_runs_once_even_after_a_restart()
    {
        var dataPath = TestDirectory.New();
        try
        {
            string signed;
            string taskId;
            await using (var first = BluxFactory.On(dataPath))
            {
                using var client = await first.AdminClientAsync();
                using var signer = await RequestSigner.RegisterAsync(client);
                var request = signer.Sign(TaskRequest.Guide("echo"));
                (signed, taskId) = (request.ToJsonString(), request["task_id"]!.GetValue<string>());

                var original = await client.PostAsync("/v1/tasks?wait=30", Json.Content(signed));
                original.StatusCode.Should().Be(HttpStatusCode.OK, await original.Content.ReadAsStringAsync());
                var again = await client.PostAsync("/v1/tasks", Json.Content(signed));
                again.StatusCode.Should().Be(HttpStatusCode.Accepted);
                (await again.BodyAsync())["task_id"]!.GetValue<string>().Should().Be(taskId);
            }

            // The replay memory went with the first process; the stored task still answers for the signature.
            await using var second = BluxFactory.On(dataPath);
            using var restarted = await second.AdminClientAsync();
            var replay = await restarted.PostAsync("/v1/tasks", Json.Content(signed));

            var body = await replay.BodyAsync();
            replay.StatusCode.Should().Be(HttpStatusCode.Accepted, body.ToJsonString());
            body["task_id"]!.GetValue<string>().Should().Be(taskId);
            body["status"]!.GetValue<string>().Should().Be("completed");
            var task = await (await restarted.GetAsync($"/v1/tasks/{taskId}")).BodyAsync();
            task["attempts"]!.GetValue<int>().Should().Be(1);
            task["audit_trail"]!.AsArray().Select(r => r!["operation"]!.GetValue<string>())
                .Should().ContainSingle(o => o == "task.create").And.ContainSingle(o => o == "task.execute");
        }
        finally
        {
            TestDirectory.Delete(dataPath);
        }
    }

    [Fact]
    public async Task A_production_deployment_requires_signatures_for_every_task()
    {
        using var production = new BluxFactory();
        production.Settings["BLUX_ENV"] = "production";
        using var client = await production.AdminClientAsync();

        await ExpectRefusalAsync(client, TaskRequest.WholeFlow("echo"), HttpStatusCode.BadRequest, "signature", "missing_signature", "signature.invalid");
    }

    private static async Task<int> TaskCountAsync(HttpClient client) =>
        (await (await client.GetAsync("/v1/tasks?page_size=200")).BodyAsync())["tasks"]!.AsArray().Count;

    private static async Task<JsonObject> ExpectRefusalAsync(HttpClient client, JsonObject request, HttpStatusCode status, string field, string issue, string operation)
    {
        var response = await client.PostAsync("/v1/tasks", Json.Content(request.ToJsonString()));

        response.StatusCode.Should().Be(status);
        var error = (await response.BodyAsync())["error"]!.AsObject();
        error["details"]!["field"]!.GetValue<string>().Should().Be(field);
        error["details"]!["issue"]!.GetValue<string>().Should().Be(issue);
        var auditId = error["audit_id"]!.GetValue<string>();
        auditId.Should().StartWith("aud_err_");
        var record = await (await client.GetAsync($"/v1/audit/{auditId}")).BodyAsync();
        record["operation"]!.GetValue<string>().Should().Be(operation);
        record["status"]!.GetValue<string>().Should().Be("denied");
        (await client.GetAsync($"/v1/tasks/{request["task_id"]}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a refused request leaves no task");
        return error;
    }
}
