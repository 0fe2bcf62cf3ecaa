using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// The webhook route at its tightest settings: no delivery retries (<c>Retries=0</c>), one try per
/// task, a short try, and an answer budget with room for one answer and no wait. Slow, stalled and
/// budget-starved deliveries end with a clear code.
/// </summary>
public sealed class WebhookLimitsTests : IClassFixture<WebhookLimitsTests.Host>
{
    private const int MaxResponseBytes = 65_536;

    private readonly WebhookReceiver _receiver;
    private readonly StreamingTarget _streaming;
    private readonly BluxFactory _factory;

    public WebhookLimitsTests(Host host)
    {
        _receiver = host.Receiver;
        _streaming = host.Streaming;
        _factory = host.Factory;
    }

    public sealed class Host : IAsyncLifetime
    {
        public WebhookReceiver Receiver { get; } = new();

        public StreamingTarget Streaming { get; } = new();

        public BluxFactory Factory { get; } = new();

        public async Task InitializeAsync()
        {
            await Receiver.InitializeAsync();
            await Streaming.InitializeAsync();
            foreach (var behaviour in new[] { "ok", "flaky", "hold" })
            {
                Factory.Settings[$"Blux:Lite:Webhooks:Targets:{behaviour}"] = $"{Receiver.BaseUrl}/{behaviour}";
            }

            foreach (var behaviour in new[] { "drip", "silent" })
            {
                Factory.Settings[$"Blux:Lite:Webhooks:Targets:{behaviour}"] = $"{Streaming.BaseUrl}/{behaviour}";
            }

            Factory.Settings["Blux:Lite:Webhooks:Retries"] = "0";
            Factory.Settings["Blux:Lite:Webhooks:AttemptTimeoutSeconds"] = "3";
            Factory.Settings["Blux:Lite:Webhooks:MaxResponseBytes"] = MaxResponseBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Factory.Settings["Blux:Lite:Webhooks:AnswerBudgetBytes"] = MaxResponseBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Factory.Settings["Blux:Lite:Webhooks:AnswerBudgetWaitSeconds"] = "0";
            Factory.Settings["Blux:Lite:MaxAttempts"] = "1";
        }

        public async Task DisposeAsync()
        {
            _ = Receiver.HoldGate.TrySetResult();
            await HostStop.StopAsync(Factory);
            await Receiver.DisposeAsync();
            await Streaming.DisposeAsync();
        }
    }

    private async Task<JsonObject> RunAsync(HttpClient client, string target)
    {
        var request = TaskRequest.Create("webhook", new JsonObject { ["target"] = target, ["body"] = new JsonObject { ["order"] = 7 } });
        await client.SubmitAsync(request);
        return await client.FinishedAsync(request.Id());
    }

    private static void ShouldHaveEnded(JsonObject task, string status, string code)
    {
        task["status"]!.GetValue<string>().Should().Be(status, task.ToJsonString());
        task["error"]!["code"]!.GetValue<string>().Should().Be(code, task.ToJsonString());
    }

    [Fact]
    public async Task Retries_0_starts_and_sends_each_delivery_exactly_once()
    {
        using var client = await _factory.AdminClientAsync();
        var (ok, flaky) = (_receiver.Count("/ok"), _receiver.Count("/flaky"));

        var delivered = await RunAsync(client, "ok");
        var failed = await RunAsync(client, "flaky");

        delivered["status"]!.GetValue<string>().Should().Be("completed", delivered.ToJsonString());
        ShouldHaveEnded(failed, "failed", "WEBHOOK_UNAVAILABLE");
        _receiver.Count("/ok").Should().Be(ok + 1);
        _receiver.Count("/flaky").Should().Be(flaky + 1, "no retry within the try, and one try per task");
    }

    [Fact]
    public async Task A_delivery_that_finds_the_answer_budget_spent_fails_without_being_sent()
    {
        using var client = await _factory.AdminClientAsync();
        _receiver.HoldGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = TaskRequest.Create("webhook", new JsonObject { ["target"] = "hold" });
        var sent = _receiver.Count("/ok");
        JsonObject starved;
        try
        {
            await client.SubmitAsync(holding);
            await client.LiteStatusAsync(_ => _receiver.InFlight == 1);

            // Read again: the status that saw the delivery arrive may have been taken just before it left.
            var lite = await client.LiteStatusAsync(_ => true);
            lite["webhook_answer_bytes_reserved"]!.GetValue<long>().Should().Be(MaxResponseBytes);

            starved = await RunAsync(client, "ok");
        }
        finally
        {
            _receiver.HoldGate.TrySetResult();
        }

        ShouldHaveEnded(starved, "failed", "WEBHOOK_BUDGET_EXHAUSTED");
        starved["error"]!["message"]!.GetValue<string>().Should().Contain("was not sent");
        _receiver.Count("/ok").Should().Be(sent);
        (await client.FinishedAsync(holding.Id()))["status"]!.GetValue<string>().Should().Be("completed");
        (await RunAsync(client, "ok"))["status"]!.GetValue<string>().Should().Be("completed", "the budget is free again");
    }

    [Theory]
    [InlineData("drip")]
    [InlineData("silent")]
    public async Task A_slow_or_stalled_answer_ends_at_the_try_timeout(string target)
    {
        using var client = await _factory.AdminClientAsync();
        var streams = _streaming.Streams.Count;

        var task = await RunAsync(client, target);

        ShouldHaveEnded(task, "failed", "WEBHOOK_TIMEOUT");
        (await _streaming.EndedAsync("/" + target, streams)).ClientHungUp.Should().BeTrue("Blux hung up instead of waiting on");
    }

    [Fact]
    public async Task A_stalled_answer_ends_at_the_task_time_limit_when_that_comes_first()
    {
        using var client = await _factory.AdminClientAsync();
        await client.SetConstraintsAsync(maxExecutionTime: "1s");
        var streams = _streaming.Streams.Count;
        try
        {
            var task = await RunAsync(client, "silent");

            ShouldHaveEnded(task, "timed_out", "TIMED_OUT");
            (await _streaming.EndedAsync("/silent", streams)).ClientHungUp.Should().BeTrue();
        }
        finally
        {
            await client.SetConstraintsAsync(maxExecutionTime: "30s");
        }
    }

    [Theory]
    [InlineData("Blux:Lite:Webhooks:Retries", "-1")]
    [InlineData("Blux:Lite:Webhooks:AttemptTimeoutSeconds", "0")]
    [InlineData("Blux:Lite:Webhooks:Targets:billing", "ftp://billing.internal/")]
    [InlineData("Blux:Lite:Webhooks:Targets:billing:FollowRedirect", "true")]
    public async Task A_webhook_setting_that_cannot_work_stops_the_host_before_it_serves(string key, string value)
    {
        var dataPath = TestDirectory.New();
        try
        {
            var environment = new Dictionary<string, string> { [key.Replace(":", "__")] = value };

            var (exitCode, _, standardError) = await HostProcess.RunToExitAsync(HostProcess.StartInfo(dataPath, environment));

            exitCode.Should().Be(1);
            standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle()
                .Which.Should().StartWith($"Blux cannot start: {key}");
            Directory.EnumerateFiles(dataPath, "*.db").Should().BeEmpty("nothing was created before the settings were read");
        }
        finally
        {
            TestDirectory.Delete(dataPath);
        }
    }
}
