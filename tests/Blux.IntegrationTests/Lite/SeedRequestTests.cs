using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.SharedKernel.Crypto;

namespace Blux.IntegrationTests.Lite;

/// <summary>The example task request of docs/contract.md#task-request, signed as high sensitivity requires, against an uploaded set1.csv.</summary>
public sealed class SeedRequestTests : IClassFixture<BluxFactory>
{
    private const string Set1 = "id,temperature,humidity,station\n1,21.5,40,north\n2,23.0,45,south\n3,,50,north\n4,19.5,NA,east\n5,26.0,55,south\n";
    private readonly BluxFactory _factory;

    public SeedRequestTests(BluxFactory factory) => _factory = factory;

    [Fact]
    public async Task The_seed_request_completes_with_correct_statistics_its_route_decision_and_note_and_a_verifying_trail()
    {
        using var client = await _factory.AdminClientAsync();
        using var signer = await RequestSigner.RegisterAsync(client);
        (await client.PutDatasetAsync("set1", Set1)).StatusCode.Should().Be(HttpStatusCode.Created);
        var request = signer.Sign(TaskRequest.Guide("data_analysis"));

        var accepted = await client.SubmitAsync(request);
        accepted["status"]!.GetValue<string>().Should().Be("accepted");
        var task = await client.FinishedAsync(request.Id());

        task["status"]!.GetValue<string>().Should().Be("completed", task.ToJsonString());
        task["context"]!["sensitivity"]!.GetValue<string>().Should().Be("high");
        task["effective_requirements"]!["sandbox_execution"]!.GetValue<bool>().Should().BeTrue();
        task["effective_requirements"]!["require_reflection"]!.GetValue<bool>().Should().BeTrue();
        task["effective_requirements"]!["audit_level"]!.GetValue<string>().Should().Be("detailed");
        task["route"]!["selected_route"]!.GetValue<string>().Should().Be("analysis");
        task["route"]!["doctrine_flags"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Contain(["reflection_used", "sandboxed", "signature_verified"]);
        task["reflection"]!["recommendation"]!.GetValue<string>().Should().BeOneOf("proceed", "sandbox");

        var dataset = task["result"]!["datasets"]![0]!;
        dataset["reference"]!.GetValue<string>().Should().Be("ref://data/set1");
        dataset["rows"]!.GetValue<int>().Should().Be(5);
        var columns = dataset["columns"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!);
        Numeric(columns["id"], count: 5, nulls: 0, min: 1, max: 5, mean: 3, stddev: 1.5811388300841898, distinct: 5);
        Numeric(columns["temperature"], count: 4, nulls: 1, min: 19.5, max: 26, mean: 22.5, stddev: 2.7386127875258306, distinct: 4);
        Numeric(columns["humidity"], count: 4, nulls: 1, min: 40, max: 55, mean: 47.5, stddev: 6.454972243679028, distinct: 4);
        var station = columns["station"];
        station["type"]!.GetValue<string>().Should().Be("string");
        station["count"]!.GetValue<long>().Should().Be(5);
        station["distinct"]!.GetValue<long>().Should().Be(3);
        station["min"]!.GetValue<string>().Should().Be("east");
        station["max"]!.GetValue<string>().Should().Be("south");

        var events = (await (await client.GetAsync($"/v1/tasks/{request.Id()}/events")).BodyAsync())["events"]!.AsArray().Select(e => e!["event"]!).ToArray();
        events.Select(e => e["event_type"]!.GetValue<string>()).Should().Equal("TaskStart", "ReflectionNote", "RouteDecision", "TaskCompleted");
        var decision = events[2];
        decision["selected_route"]!.GetValue<string>().Should().Be("analysis");
        decision["rationale"]!.GetValue<string>().Should().Contain("sandbox");
        events[1]["insight"]!.GetValue<string>().Should().Be(task["reflection"]!["insight"]!.GetValue<string>());
        events.Should().AllSatisfy(e => e["signature"]!.GetValue<string>().Should().StartWith("hs256-"));

        var trail = task["audit_trail"]!.AsArray().Select(r => r!.AsObject()).ToArray();
        trail.Select(r => r["operation"]!.GetValue<string>()).Should().Equal("task.create", "task.execute");
        trail[1]["status"]!.GetValue<string>().Should().Be("success");
        trail[1]["input_hash"]!.GetValue<string>().Should().Be(BluxHash.OfCanonical(request["payload"]));
        trail[1]["output_hash"]!.GetValue<string>().Should().Be(BluxHash.OfCanonical(task["result"]));
        trail[1]["data"]!["audit_level"]!.GetValue<string>().Should().Be("detailed");
        trail[1]["data"]!["result"].Should().BeNull("a detailed record keeps no result");
        events[3]["result_hash"]!.GetValue<string>().Should().Be(trail[1]["output_hash"]!.GetValue<string>());
        var verify = await (await client.GetAsync("/v1/audit/verify")).BodyAsync();
        verify["valid"]!.GetValue<bool>().Should().BeTrue(verify.ToJsonString());
    }

    [Fact]
    public async Task The_seed_request_without_its_dataset_is_400_and_creates_nothing()
    {
        using var client = await _factory.AdminClientAsync();
        using var signer = await RequestSigner.RegisterAsync(client);
        var request = TaskRequest.Guide("data_analysis");
        request["payload"]!["data_references"] = new JsonArray("ref://data/set404");

        var body = await client.SubmitAsync(signer.Sign(request), HttpStatusCode.BadRequest);

        body.ShouldBeError("VALIDATION_FAILED", "unknown_dataset");
        (await client.GetAsync($"/v1/tasks/{request.Id()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static void Numeric(JsonNode column, long count, long nulls, double min, double max, double mean, double stddev, long distinct)
    {
        column["type"]!.GetValue<string>().Should().Be("number");
        column["count"]!.GetValue<long>().Should().Be(count);
        column["nulls"]!.GetValue<long>().Should().Be(nulls);
        column["min"]!.GetValue<double>().Should().Be(min);
        column["max"]!.GetValue<double>().Should().Be(max);
        column["mean"]!.GetValue<double>().Should().BeApproximately(mean, 1e-12);
        column["stddev"]!.GetValue<double>().Should().BeApproximately(stddev, 1e-12);
        column["distinct"]!.GetValue<long>().Should().Be(distinct);
    }
}
