using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// The webhook route: only configured targets, delivery retries, task retries with backoff, and never
/// where a sandbox is required; redirects followed only to the target's own origin and only where it
/// allows them; answers capped while they are read, within a host-wide budget.
/// </summary>
public sealed class WebhookRouteTests : IClassFixture<WebhookRouteTests.Host>
{
    private const int MaxResponseBytes = 65_536;
    private const int BudgetAnswers = 4;
    private const int MaxRedirects = 3;

    /// <summary>The redirect statuses Blux knows, and Location forms that lead away from the target's origin.</summary>
    private static readonly int[] RedirectStatuses = [301, 302, 303, 307, 308];

    private static readonly string[] CrossOriginForms =
        ["absolute", "scheme-relative", "decimal", "octal", "hex", "short", "ipv6", "localhost", "localhost-elsewhere", "https", "credentials", "file", "default-port"];

    private static readonly string[] SameOriginForms = ["relative", "relative-no-slash", "same-scheme-relative", "same-absolute", "same-decimal"];

    private readonly WebhookReceiver _receiver;
    private readonly WebhookReceiver _elsewhere;
    private readonly StreamingTarget _streaming;
    private readonly BluxFactory _factory;

    public WebhookRouteTests(Host host)
    {
        _receiver = host.Receiver;
        _elsewhere = host.Elsewhere;
        _streaming = host.Streaming;
        _factory = host.Factory;
    }

    /// <summary>
    /// The receiver, another server on another port (another origin) holding a secret, a server for
    /// answers that stream, and one Blux for the class configured with targets for every redirect
    /// status and Location form, and short backoffs.
    /// </summary>
    public sealed class Host : IAsyncLifetime
    {
        public WebhookReceiver Receiver { get; } = new();

        public WebhookReceiver Elsewhere { get; } = new();

        public StreamingTarget Streaming { get; } = new();

        public BluxFactory Factory { get; } = new();

        public async Task InitializeAsync()
        {
            await Receiver.InitializeAsync();
            await Elsewhere.InitializeAsync();
            await Streaming.InitializeAsync();
            foreach (var behaviour in new[] { "ok", "flaky", "down", "reject", "hold" })
            {
                Factory.Settings[$"Blux:Lite:Webhooks:Targets:{behaviour}"] = $"{Receiver.BaseUrl}/{behaviour}";
            }

            foreach (var behaviour in new[] { "endless", "lying-length" })
            {
                Factory.Settings[$"Blux:Lite:Webhooks:Targets:{behaviour}"] = $"{Streaming.BaseUrl}/{behaviour}";
            }

            foreach (var status in RedirectStatuses)
            {
                foreach (var form in CrossOriginForms.Concat(SameOriginForms))
                {
                    Target($"follow-{status}-{form}", Redirect(status, Location(form)), follow: true);
                    Target($"plain-{status}-{form}", Redirect(status, Location(form)), follow: false);
                }
            }

            foreach (var status in new[] { 300, 304, 305, 306 })
            {
                Target($"other-{status}", Redirect(status, "/secret"), follow: true);
            }

            Target("loop", $"{Receiver.BaseUrl}/loop", follow: true);
            Target("no-location", Redirect(302, null), follow: true);
            Target("bad-location", Redirect(302, "http://exa mple/"), follow: true);
            Target("chain-at-limit", Chain(MaxRedirects), follow: true);
            Target("chain-over-limit", Chain(MaxRedirects + 1), follow: true);
            Target("escape-on-second-hop", Redirect(302, "/redirect?status=307&to=" + Uri.EscapeDataString(Location("absolute"))), follow: true);
            foreach (var (bytes, chunked) in new[] { (MaxResponseBytes, false), (MaxResponseBytes, true), (MaxResponseBytes + 1, false), (MaxResponseBytes + 1, true), (300_000_000, false), (300_000_000, true) })
            {
                Target($"big-{bytes}-{(chunked ? "chunked" : "declared")}", $"{Streaming.BaseUrl}/big?bytes={bytes}&chunked={(chunked ? "true" : "false")}", follow: false);
            }

            foreach (var kind in AnswerKinds.Select(k => (string)k[0]))
            {
                Target($"answer-{kind}", $"{Receiver.BaseUrl}/answer/{kind}", follow: false);
            }

            Factory.Settings["Blux:Lite:Webhooks:Targets:closed"] = "http://127.0.0.1:1/";
            Factory.Settings["Blux:Lite:Webhooks:RetryDelayMs"] = "10";
            Factory.Settings["Blux:Lite:Webhooks:MaxResponseBytes"] = MaxResponseBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Factory.Settings["Blux:Lite:Webhooks:AnswerBudgetBytes"] = (BudgetAnswers * MaxResponseBytes).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Factory.Settings["Blux:Lite:Webhooks:AnswerBudgetWaitSeconds"] = "60";
            Factory.Settings["Blux:Lite:Webhooks:MaxRedirects"] = MaxRedirects.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Factory.Settings["Blux:Lite:RetryBaseSeconds"] = "0.05";
            Factory.Settings["Blux:Lite:RetryJitterSeconds"] = "0.05";
        }

        public async Task DisposeAsync()
        {
            await HostStop.StopAsync(Factory);
            await Receiver.DisposeAsync();
            await Elsewhere.DisposeAsync();
            await Streaming.DisposeAsync();
        }

        private void Target(string name, string url, bool follow)
        {
            Factory.Settings[$"Blux:Lite:Webhooks:Targets:{name}:Url"] = url;
            Factory.Settings[$"Blux:Lite:Webhooks:Targets:{name}:FollowRedirects"] = follow ? "true" : "false";
        }

        private string Redirect(int status, string? to) =>
            $"{Receiver.BaseUrl}/redirect?status={status}" + (to is null ? string.Empty : "&to=" + Uri.EscapeDataString(to));

        /// <summary>A same-origin chain of <paramref name="redirects"/> redirects (each status in turn) ending at <c>/secret</c>.</summary>
        private string Chain(int redirects)
        {
            var location = "/secret";
            for (var i = 0; i < redirects - 1; i++)
            {
                location = $"/redirect?status={RedirectStatuses[i % RedirectStatuses.Length]}&to={Uri.EscapeDataString(location)}";
            }

            return Redirect(307, location);
        }

        /// <summary>Where a redirect sends Blux, in each form an attacker would try.</summary>
        private string Location(string form)
        {
            var here = Receiver.Port;
            var there = Elsewhere.Port;
            return form switch
            {
                "absolute" => $"http://127.0.0.1:{there}/secret",
                "scheme-relative" => $"//127.0.0.1:{there}/secret",
                "decimal" => $"http://2130706433:{there}/secret",
                "octal" => $"http://0177.0.0.1:{there}/secret",
                "hex" => $"http://0x7f.1:{there}/secret",
                "short" => $"http://127.1:{there}/secret",
                "ipv6" => $"http://[::1]:{there}/secret",
                "localhost" => $"http://localhost:{here}/secret",
                "localhost-elsewhere" => $"http://localhost:{there}/secret",
                "https" => $"https://127.0.0.1:{here}/secret",
                "credentials" => $"http://user:pw@127.0.0.1:{here}/secret",
                "file" => "file:///etc/passwd",
                "default-port" => "http://127.0.0.1/secret",
                "relative" => "/secret",
                "relative-no-slash" => "secret",
                "same-scheme-relative" => $"//127.0.0.1:{here}/secret",
                "same-absolute" => $"http://127.0.0.1:{here}/secret",
                "same-decimal" => $"http://2130706433:{here}/secret",
                _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
            };
        }
    }

    public static TheoryData<int, string> CrossOrigin() => Cases(CrossOriginForms);

    public static TheoryData<int, string> SameOrigin() => Cases(SameOriginForms);

    public static TheoryData<int, string> EveryForm() => Cases([.. CrossOriginForms, .. SameOriginForms]);

    private static TheoryData<int, string> Cases(string[] forms)
    {
        var data = new TheoryData<int, string>();
        foreach (var status in RedirectStatuses)
        {
            foreach (var form in forms)
            {
                data.Add(status, form);
            }
        }

        return data;
    }

    /// <summary>Awkward answers and what the result keeps of them (as JSON): JSON Blux can store, else the text, else nothing.</summary>
    public static readonly TheoryData<string, string> AnswerKinds = new()
    {
        { "deep", Text(new string('[', 100) + new string(']', 100)) },
        { "lone-surrogate", Text("{\"a\":\"\\ud800\"}") },
        { "huge-number", Text("{\"n\":1e400}") },
        { "duplicate-keys", Text("{\"a\":1,\"a\":2}") },
        { "invalid-utf8", "{\"a\":\"\uFFFD\uFFFD\"}" },
        { "utf8-bom", "{\"bom\":true}" },
        { "latin1", Text("caf\u00e9") },
        { "unknown-charset", "{\"ok\":1}" },
        { "text", Text("thanks") },
        { "empty", "null" },
    };

    private static string Text(string text) => JsonValue.Create(text).ToJsonString();

    private async Task<JsonObject> RunAsync(string target)
    {
        using var client = await _factory.AdminClientAsync();
        var request = Webhook(target);
        await client.SubmitAsync(request);
        return await client.FinishedAsync(request.Id());
    }

    private int SecretsServed => _receiver.Count("/secret") + _elsewhere.Count("/secret");

    private static void ShouldHaveFailed(JsonObject task, string code)
    {
        task["status"]!.GetValue<string>().Should().Be("failed", task.ToJsonString());
        task["error"]!["code"]!.GetValue<string>().Should().Be(code, task.ToJsonString());
    }

    private static JsonObject Webhook(string target, bool sandbox = false)
    {
        var request = TaskRequest.Create("webhook", new JsonObject { ["target"] = target, ["body"] = new JsonObject { ["order"] = 42 } }, sandbox: sandbox);
        return request;
    }

    [Fact]
    public async Task A_configured_target_gets_the_body_with_the_task_id_as_idempotency_key()
    {
        using var client = await _factory.AdminClientAsync();
        var request = Webhook("ok");

        await client.SubmitAsync(request);
        var task = await client.FinishedAsync(request.Id());

        task["status"]!.GetValue<string>().Should().Be("completed", task.ToJsonString());
        task["result"]!["status"]!.GetValue<int>().Should().Be(200);
        task["result"]!["body"]!["received"]!.GetValue<bool>().Should().BeTrue();
        _receiver.Received.Should().Contain(r => r.Path == "/ok" && r.IdempotencyKey == request.Id() && r.Body!["order"]!.GetValue<int>() == 42);
    }

    [Fact]
    public async Task A_flaky_target_is_retried_within_one_attempt()
    {
        using var client = await _factory.AdminClientAsync();
        var request = Webhook("flaky");

        await client.SubmitAsync(request);
        var task = await client.FinishedAsync(request.Id());

        task["status"]!.GetValue<string>().Should().Be("completed", task.ToJsonString());
        task["attempts"]!.GetValue<int>().Should().Be(1);
        _receiver.Count("/flaky").Should().Be(3);
    }

    [Fact]
    public async Task A_target_that_stays_down_fails_the_task_after_three_attempts_each_audited()
    {
        using var client = await _factory.AdminClientAsync();
        var request = Webhook("down");

        await client.SubmitAsync(request);
        var task = await client.FinishedAsync(request.Id());

        task["status"]!.GetValue<string>().Should().Be("failed", task.ToJsonString());
        task["error"]!["code"]!.GetValue<string>().Should().Be("WEBHOOK_UNAVAILABLE");
        task["attempts"]!.GetValue<int>().Should().Be(3);
        task.Operations().Should().Equal("task.create", "task.execute", "task.execute", "task.execute");
        var executions = task["audit_trail"]!.AsArray().Skip(1).Select(r => r!["data"]!).ToArray();
        executions.Select(d => d["task_status"]!.GetValue<string>()).Should().Equal("queued", "queued", "failed");
        executions.Select(d => d["attempt"]!.GetValue<int>()).Should().Equal(1, 2, 3);
        _receiver.Count("/down").Should().Be(9, "three deliveries in each of three attempts");
    }

    [Fact]
    public async Task An_unreachable_target_is_transient_and_retried()
    {
        using var client = await _factory.AdminClientAsync();
        var request = Webhook("closed");

        await client.SubmitAsync(request);
        var task = await client.FinishedAsync(request.Id());

        task["status"]!.GetValue<string>().Should().Be("failed");
        task["error"]!["code"]!.GetValue<string>().Should().Be("WEBHOOK_UNREACHABLE");
        task["attempts"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task A_target_that_refuses_the_request_fails_at_once()
    {
        using var client = await _factory.AdminClientAsync();
        var request = Webhook("reject");

        await client.SubmitAsync(request);
        var task = await client.FinishedAsync(request.Id());

        task["status"]!.GetValue<string>().Should().Be("failed");
        task["error"]!["code"]!.GetValue<string>().Should().Be("WEBHOOK_REJECTED");
        task["attempts"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task An_unknown_target_is_400_listing_the_configured_ones()
    {
        using var client = await _factory.AdminClientAsync();

        var body = await client.SubmitAsync(Webhook("https://evil.example/"), HttpStatusCode.BadRequest);

        body.ShouldBeError("VALIDATION_FAILED", "unknown_target");
        body["error"]!["details"]!["known_targets"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Contain(["ok", "down"]);
    }

    [Fact]
    public async Task A_webhook_that_must_be_sandboxed_is_refused_and_never_sent()
    {
        using var client = await _factory.AdminClientAsync();
        var before = _receiver.Count("/ok");
        var request = Webhook("ok", sandbox: true);

        var body = await client.SubmitAsync(request, HttpStatusCode.Forbidden);

        body["error"]!["message"]!.GetValue<string>().Should().Contain("not sandboxed");
        (await client.GetTaskAsync(request.Id()))["status"]!.GetValue<string>().Should().Be("rejected");
        _receiver.Count("/ok").Should().Be(before);
    }

    [Fact]
    public async Task Routes_are_listed_with_whether_they_are_sandboxed()
    {
        using var client = await _factory.AdminClientAsync();

        var routes = (await (await client.GetAsync("/v1/routes")).BodyAsync())["routes"]!.AsArray()
            .ToDictionary(r => r!["name"]!.GetValue<string>(), r => r!["sandboxed"]!.GetValue<bool>());

        routes.Should().BeEquivalentTo(new Dictionary<string, bool> { ["analysis"] = true, ["echo"] = true, ["script"] = true, ["webhook"] = false });
    }

    [Theory]
    [MemberData(nameof(CrossOrigin))]
    public async Task A_redirect_away_from_the_targets_origin_is_refused_even_where_redirects_are_allowed(int status, string form)
    {
        var (secrets, redirects) = (SecretsServed, _receiver.Count("/redirect"));

        var task = await RunAsync($"follow-{status}-{form}");

        ShouldHaveFailed(task, "WEBHOOK_REDIRECT_REFUSED");
        task["attempts"]!.GetValue<int>().Should().Be(1, "a refusal is final, not retried");
        task.ToJsonString().Should().NotContain(WebhookReceiver.SecretMarker).And.NotContain(WebhookReceiver.RedirectMarker);
        SecretsServed.Should().Be(secrets, "the refused location is never asked");
        _receiver.Count("/redirect").Should().Be(redirects + 1);
    }

    [Theory]
    [MemberData(nameof(EveryForm))]
    public async Task A_redirect_is_refused_where_the_target_does_not_allow_redirects(int status, string form)
    {
        var secrets = SecretsServed;

        var task = await RunAsync($"plain-{status}-{form}");

        ShouldHaveFailed(task, "WEBHOOK_REDIRECT_REFUSED");
        task["error"]!["message"]!.GetValue<string>().Should().Contain("redirects are not followed for this target");
        task.ToJsonString().Should().NotContain(WebhookReceiver.SecretMarker).And.NotContain(WebhookReceiver.RedirectMarker);
        SecretsServed.Should().Be(secrets);
    }

    [Theory]
    [MemberData(nameof(SameOrigin))]
    public async Task A_redirect_within_the_targets_origin_is_followed_where_allowed_303_as_a_get_and_the_others_with_the_body(int status, string form)
    {
        var before = _receiver.Received.Count(r => r.Path == "/secret");

        var task = await RunAsync($"follow-{status}-{form}");

        task["status"]!.GetValue<string>().Should().Be("completed", task.ToJsonString());
        task["result"]!["body"]!["secret"]!.GetValue<string>().Should().Be(WebhookReceiver.SecretMarker);
        _elsewhere.Count("/secret").Should().Be(0);
        var reached = _receiver.Received.Where(r => r.Path == "/secret").Skip(before).Should().ContainSingle().Subject;
        reached.IdempotencyKey.Should().Be(task["task_id"]!.GetValue<string>());
        if (status == 303)
        {
            reached.Method.Should().Be("GET");
            reached.Body.Should().BeNull();
        }
        else
        {
            reached.Method.Should().Be("POST");
            reached.Body!["order"]!.GetValue<int>().Should().Be(42);
        }
    }

    [Fact]
    public async Task A_redirect_loop_ends_after_the_allowed_number_of_redirects()
    {
        var before = _receiver.Count("/loop");

        var task = await RunAsync("loop");

        ShouldHaveFailed(task, "WEBHOOK_TOO_MANY_REDIRECTS");
        task["attempts"]!.GetValue<int>().Should().Be(1);
        _receiver.Count("/loop").Should().Be(before + 1 + MaxRedirects);
    }

    [Fact]
    public async Task A_chain_of_same_origin_redirects_is_followed_up_to_the_limit_and_no_further()
    {
        var secrets = SecretsServed;

        var atLimit = await RunAsync("chain-at-limit");
        var overLimit = await RunAsync("chain-over-limit");

        atLimit["status"]!.GetValue<string>().Should().Be("completed", atLimit.ToJsonString());
        atLimit["result"]!["body"]!["secret"]!.GetValue<string>().Should().Be(WebhookReceiver.SecretMarker);
        ShouldHaveFailed(overLimit, "WEBHOOK_TOO_MANY_REDIRECTS");
        SecretsServed.Should().Be(secrets + 1);
    }

    [Fact]
    public async Task Every_hop_is_checked_so_a_same_origin_redirect_cannot_lead_away_on_the_next()
    {
        var secrets = SecretsServed;

        var task = await RunAsync("escape-on-second-hop");

        ShouldHaveFailed(task, "WEBHOOK_REDIRECT_REFUSED");
        SecretsServed.Should().Be(secrets);
    }

    [Theory]
    [InlineData("no-location")]
    [InlineData("bad-location")]
    public async Task A_redirect_without_a_usable_location_is_refused(string target)
    {
        var task = await RunAsync(target);

        ShouldHaveFailed(task, "WEBHOOK_REDIRECT_REFUSED");
        task["error"]!["message"]!.GetValue<string>().Should().Contain("without a usable Location");
    }

    [Theory]
    [InlineData(300)]
    [InlineData(304)]
    [InlineData(305)]
    [InlineData(306)]
    public async Task Other_3xx_answers_are_not_followed_and_fail_the_delivery(int status)
    {
        var secrets = SecretsServed;

        var task = await RunAsync($"other-{status}");

        ShouldHaveFailed(task, "WEBHOOK_REJECTED");
        task.ToJsonString().Should().NotContain(WebhookReceiver.RedirectMarker);
        SecretsServed.Should().Be(secrets);
    }

    [Theory]
    [InlineData("declared")]
    [InlineData("chunked")]
    public async Task An_answer_of_exactly_the_cap_is_kept(string framing)
    {
        var task = await RunAsync($"big-{MaxResponseBytes}-{framing}");

        task["status"]!.GetValue<string>().Should().Be("completed");
        task["result"]!["body"]!.GetValue<string>().Should().HaveLength(MaxResponseBytes).And.MatchRegex("^x+$");
    }

    [Theory]
    [InlineData(MaxResponseBytes + 1, "declared")]
    [InlineData(MaxResponseBytes + 1, "chunked")]
    [InlineData(300_000_000, "declared")]
    [InlineData(300_000_000, "chunked")]
    public async Task An_answer_over_the_cap_is_refused_while_it_is_read_and_never_buffered(int bytes, string framing)
    {
        var streams = _streaming.Streams.Count;

        var task = await RunAsync($"big-{bytes}-{framing}");

        ShouldHaveFailed(task, "WEBHOOK_ANSWER_TOO_LARGE");
        task["attempts"]!.GetValue<int>().Should().Be(1, "the delivery was made; it is not made again");
        task["error"]!["message"]!.GetValue<string>().Should().Contain($"over {MaxResponseBytes} bytes");
        var sent = await _streaming.EndedAsync("/big", streams);
        sent.BytesSent.Should().BeLessThan(32L * 1024 * 1024, "Blux hung up long before 300 MB; what it read is at most the cap plus socket buffers");
    }

    [Fact]
    public async Task An_answer_that_never_ends_is_cut_off_at_the_cap()
    {
        var streams = _streaming.Streams.Count;

        var task = await RunAsync("endless");

        ShouldHaveFailed(task, "WEBHOOK_ANSWER_TOO_LARGE");
        var sent = await _streaming.EndedAsync("/endless", streams);
        sent.ClientHungUp.Should().BeTrue();
        sent.BytesSent.Should().BeLessThan(32L * 1024 * 1024);
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_is_refused_before_the_body_is_read()
    {
        // The body never comes: a route that waited for it would time out instead.
        var streams = _streaming.Streams.Count;

        var task = await RunAsync("lying-length");

        ShouldHaveFailed(task, "WEBHOOK_ANSWER_TOO_LARGE");
        task["error"]!["message"]!.GetValue<string>().Should().Contain("declared 300000000 bytes");
        (await _streaming.EndedAsync("/lying-length", streams)).ClientHungUp.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(AnswerKinds))]
    public async Task An_awkward_answer_is_kept_as_json_blux_can_store_or_as_text(string kind, string kept)
    {
        var task = await RunAsync($"answer-{kind}");

        task["status"]!.GetValue<string>().Should().Be("completed", task.ToJsonString());
        JsonNode.DeepEquals(task["result"]!["body"], JsonNode.Parse(kept)).Should().BeTrue($"the body kept should be {kept}, not {task["result"]!["body"]?.ToJsonString()}");
    }

    [Fact]
    public async Task Answers_in_flight_never_hold_more_than_the_budget_and_the_rest_wait_their_turn()
    {
        using var client = await _factory.AdminClientAsync();
        _receiver.HoldGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = _receiver.Count("/hold");
        var requests = Enumerable.Range(0, BudgetAnswers + 6).Select(_ => Webhook("hold")).ToArray();
        try
        {
            foreach (var request in requests)
            {
                await client.SubmitAsync(request);
            }

            var lite = await client.LiteStatusAsync(d => d["webhook_deliveries_waiting"]!.GetValue<int>() == 6 && _receiver.InFlight == BudgetAnswers);

            lite["webhook_answer_bytes_reserved"]!.GetValue<long>().Should().Be(BudgetAnswers * MaxResponseBytes);
            lite["webhook_answer_budget_bytes"]!.GetValue<long>().Should().Be(BudgetAnswers * MaxResponseBytes);
            _receiver.Count("/hold").Should().Be(held + BudgetAnswers, "a delivery waiting for the budget has not been sent");
        }
        finally
        {
            _receiver.HoldGate.TrySetResult();
        }

        foreach (var request in requests)
        {
            (await client.FinishedAsync(request.Id()))["status"]!.GetValue<string>().Should().Be("completed");
        }

        _receiver.MaxInFlight.Should().Be(BudgetAnswers);
        (await client.LiteStatusAsync(d => d["webhook_answer_bytes_reserved"]!.GetValue<long>() == 0))["webhook_deliveries_waiting"]!.GetValue<int>().Should().Be(0);
    }
}
