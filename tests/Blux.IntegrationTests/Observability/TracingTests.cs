using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;

namespace Blux.IntegrationTests.Observability;

/// <summary>
/// One task, one trace, caught by OpenTelemetry's in-memory exporter: the request, Guard, Ca and Lite
/// on the bus, the worker's <c>task_execution</c>, the audit appends and the webhook's outgoing HTTP
/// call, in their parent/child places; the same trace id in the audit record, the response header
/// and the task's log lines (compact JSON); a client's <c>traceparent</c> is honoured.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TracingTests : IClassFixture<TracingTests.Host>
{
    private readonly Host _host;

    public TracingTests(Host host) => _host = host;

    [Fact]
    public async Task A_webhook_task_is_one_trace_from_the_request_to_the_outgoing_call()
    {
        using var admin = await _host.AdminClientAsync();
        var request = TaskRequest.Create("webhook", new JsonObject { ["target"] = "ok", ["body"] = new JsonObject { ["order"] = 7 } }, auditLevel: "detailed", requireReflection: true);
        var taskId = request.Id();

        var response = await admin.PostAsync("/v1/tasks?wait=30", Json.Content(request.ToJsonString()));
        var task = await response.BodyAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, task.ToJsonString());
        task["status"]!.GetValue<string>().Should().Be("completed", task.ToJsonString());
        var traceId = response.Headers.GetValues("X-Trace-Id").Single();

        var spans = await _host.SpansAsync(traceId, s => s.Any(a => a.DisplayName == "task_execution") && s.Any(a => a.Kind == ActivityKind.Client));
        var server = spans.Single(s => s.Kind == ActivityKind.Server && s.DisplayName == "POST /v1/tasks");
        var submit = ChildOf(spans, server, "lite SubmitTaskCommand");
        ChildOf(spans, submit, "guard ValidateRequest");
        ChildOf(spans, submit, "ca Reflect");
        ChildOf(spans, submit, "lite route").GetTagItem("route").Should().Be("webhook");
        ChildOf(spans, submit, "guard AppendAudit");

        var execution = ChildOf(spans, submit, "task_execution");
        execution.GetTagItem("task.id").Should().Be(taskId);
        execution.GetTagItem("user.id").Should().Be("admin");
        execution.GetTagItem("task.type").Should().Be("webhook");
        execution.GetTagItem("route").Should().Be("webhook");
        execution.GetTagItem("status").Should().Be("completed");
        ChildOf(spans, execution, "guard AppendAudit");
        var deliveries = spans.Where(s => s.Kind == ActivityKind.Client).ToList();
        deliveries.Should().ContainSingle($"one delivery; spans: {string.Join(", ", spans.Select(s => $"{s.DisplayName} {s.Kind}"))}");
        var delivery = deliveries[0];
        IsUnder(spans, delivery, execution).Should().BeTrue("the webhook is called while the task runs");
        delivery.GetTagItem("http.request.method").Should().Be("POST");

        using var auditor = await _host.AdminClientAsync();
        var creates = (await (await auditor.GetAsync("/v1/audit?operation=task.create&page_size=200")).BodyAsync())["entries"]!.AsArray();
        var create = creates.Single(e => e!["data"]!["task_id"]?.GetValue<string>() == taskId)!;
        create["data"]!["trace_id"]!.GetValue<string>().Should().Be(traceId, "a detailed audit record names its trace");

        var lines = await _host.LogLinesAsync(traceId, l => l.Any(line => line["span_id"]?.GetValue<string>() == execution.SpanId.ToHexString()));
        lines.Select(l => l["Module"]?.GetValue<string>()).Should().Contain(["lite", "guard", "ca"]);
        // The bearer token is checked before the body names the task; every line after that names it.
        lines.Where(l => l["Message"]?.GetValue<string>() != "ValidateToken")
            .Should().AllSatisfy(l => l["task_id"]?.GetValue<string>().Should().Be(taskId, l.ToJsonString()));
        lines.Should().AllSatisfy(l => l["span_id"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{16}$"));
    }

    [Fact]
    public async Task A_clients_traceparent_is_the_parent_of_the_request()
    {
        var clientTrace = ActivityTraceId.CreateRandom();
        var clientSpan = ActivitySpanId.CreateRandom();
        using var admin = await _host.AdminClientAsync();
        using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/tasks?wait=30") { Content = Json.Content(TaskRequest.Create("echo").ToJsonString()) };
        message.Headers.Add("traceparent", $"00-{clientTrace.ToHexString()}-{clientSpan.ToHexString()}-01");

        var response = await admin.SendAsync(message);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("X-Trace-Id").Single().Should().Be(clientTrace.ToHexString());
        var spans = await _host.SpansAsync(clientTrace.ToHexString(), s => s.Any(a => a.DisplayName == "task_execution"));
        spans.Single(s => s.Kind == ActivityKind.Server).ParentSpanId.Should().Be(clientSpan);
    }

    private static Activity ChildOf(IReadOnlyList<Activity> spans, Activity parent, string name)
    {
        var children = spans.Where(s => s.DisplayName == name && s.ParentSpanId == parent.SpanId).ToList();
        children.Should().NotBeEmpty($"'{name}' is a child of '{parent.DisplayName}'; spans: {string.Join(", ", spans.Select(s => $"{s.DisplayName}<{s.ParentSpanId}>"))}");
        return children[0];
    }

    private static bool IsUnder(IReadOnlyList<Activity> spans, Activity span, Activity ancestor)
    {
        for (var parent = span.ParentSpanId; parent != default;)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }

            parent = spans.FirstOrDefault(s => s.SpanId == parent)?.ParentSpanId ?? default;
        }

        return false;
    }

    /// <summary>A Blux with a webhook target, debug-level compact JSON logs, and every finished span kept in memory.</summary>
    public sealed class Host : IAsyncLifetime
    {
        private readonly BluxFactory _base = new();
        private readonly SpanQueue _spans = new();
        private WebApplicationFactory<Program> _factory = null!;

        public WebhookReceiver Receiver { get; } = new();

        public async Task InitializeAsync()
        {
            await Receiver.InitializeAsync();
            _base.Settings["Blux:Lite:Webhooks:Targets:ok"] = Receiver.BaseUrl + "/ok";
            _base.Settings["Blux:Logging:FileFormat"] = "json";
            _base.Settings["Serilog:MinimumLevel:Default"] = "Debug";
            _factory = _base.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans))));
        }

        public Task<HttpClient> AdminClientAsync() => _factory.CreateClient().AuthorizedAsync("admin", _base.AdminSecret);

        /// <summary>The finished spans of one trace, once <paramref name="complete"/> holds (at most 10 s).</summary>
        public Task<IReadOnlyList<Activity>> SpansAsync(string traceId, Func<IReadOnlyList<Activity>, bool> complete) =>
            Eventually.Async<IReadOnlyList<Activity>>(
                () => Task.FromResult<IReadOnlyList<Activity>>(_spans.Where(s => s.TraceId.ToHexString() == traceId).ToList()),
                complete,
                $"the spans of trace {traceId} are complete",
                TimeSpan.FromSeconds(10));

        /// <summary>The JSON log lines of one trace, once <paramref name="complete"/> holds (at most 10 s).</summary>
        public Task<IReadOnlyList<JsonObject>> LogLinesAsync(string traceId, Func<IReadOnlyList<JsonObject>, bool> complete) =>
            Eventually.Async(() => ReadLogLinesAsync(traceId), complete, $"the log lines of trace {traceId} are complete", TimeSpan.FromSeconds(10));

        private async Task<IReadOnlyList<JsonObject>> ReadLogLinesAsync(string traceId)
        {
            var lines = new List<JsonObject>();
            var logs = Path.Combine(_base.DataPath, "logs");
            foreach (var file in Directory.Exists(logs) ? Directory.EnumerateFiles(logs, "blux-*.json") : [])
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (JsonNode.Parse(line) is JsonObject entry && entry["trace_id"]?.GetValue<string>() == traceId)
                    {
                        lines.Add(entry);
                    }
                }
            }

            return lines;
        }

        public async Task DisposeAsync()
        {
            await _factory.DisposeAsync();
            _base.Dispose();
            await Receiver.DisposeAsync();
        }
    }

    /// <summary>The exporter adds from the threads that end spans while the test reads: a queue it may add to.</summary>
    private sealed class SpanQueue : ICollection<Activity>
    {
        private readonly ConcurrentQueue<Activity> _queue = new();

        public int Count => _queue.Count;

        public bool IsReadOnly => false;

        public void Add(Activity item) => _queue.Enqueue(item);

        public void Clear() => _queue.Clear();

        public bool Contains(Activity item) => _queue.Contains(item);

        public void CopyTo(Activity[] array, int arrayIndex) => _queue.CopyTo(array, arrayIndex);

        public bool Remove(Activity item) => throw new NotSupportedException("Spans are only added.");

        public IEnumerator<Activity> GetEnumerator() => _queue.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
