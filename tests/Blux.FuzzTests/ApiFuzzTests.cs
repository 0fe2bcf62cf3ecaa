using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Xunit.Abstractions;

namespace Blux.FuzzTests;

/// <summary>
/// Generated requests against every operation of the host's own OpenAPI document: whatever comes in,
/// the answer is never a 5xx, every 4xx carries the envelope with a code that matches its status, every
/// answer comes within <see cref="PerRequestTimeout"/>, and afterwards the host is healthy and its
/// audit chain verifies. The run is reproducible: one CsCheck PCG from a fixed seed generates the
/// requests in order (<c>BLUX_FUZZ_SEED</c>), <c>BLUX_FUZZ_REQUESTS</c> of them (default
/// <see cref="DefaultRequests"/>). A failure names the seed of its request, so
/// <c>BLUX_FUZZ_SEED=&lt;seed&gt; BLUX_FUZZ_REQUESTS=1</c> replays exactly that one.
/// </summary>
public sealed class ApiFuzzTests : IClassFixture<BluxFactory>
{
    public const int DefaultRequests = 2000;
    public const string DefaultSeed = "1B1E5F00D5EED1234";
    private const int MaxReportedFailures = 10;
    private static readonly TimeSpan PerRequestTimeout = TimeSpan.FromSeconds(20);

    private static readonly Dictionary<int, string> CodeOfStatus = new()
    {
        [400] = "VALIDATION_FAILED",
        [401] = "UNAUTHORIZED",
        [403] = "FORBIDDEN",
        [404] = "NOT_FOUND",
        [405] = "NOT_FOUND",
        [409] = "CONFLICT",
        [413] = "PAYLOAD_TOO_LARGE",
        [414] = "VALIDATION_FAILED",
        [415] = "VALIDATION_FAILED",
        [429] = "RATE_LIMIT_EXCEEDED",
        [431] = "VALIDATION_FAILED",
    };

    private readonly BluxFactory _factory;
    private readonly ITestOutputHelper _output;

    public ApiFuzzTests(BluxFactory factory, ITestOutputHelper output)
    {
        _factory = factory;
        _output = output;
    }

    [Fact]
    public async Task Every_operation_answers_generated_requests_with_no_5xx_with_the_envelope_and_in_time()
    {
        var (requests, seed) = Settings();
        using var admin = await _factory.AdminClientAsync();
        // Scripts the fuzzer writes (an endless loop among them) end in 2 s rather than 30.
        await admin.SetConstraintsAsync(maxExecutionTime: "2s");
        var document = (await admin.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var operations = ApiOperation.AllOf(document);
        operations.Should().HaveCountGreaterThan(30, "the document lists every endpoint");
        var token = await _factory.AdminTokenAsync();
        var generators = new RequestGenerators(token, document["components"]?["schemas"]?.AsObject());
        var perOperation = operations.Select(generators.For).ToArray();
        var anyRequest = Gen.Int[0, operations.Count - 1].SelectMany(i => perOperation[i]);

        using var client = _factory.CreateClient();
        var pcg = PCG.Parse(seed);
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var reached = new Dictionary<ApiOperation, (int Requests, int Successes)>();
        var unsendable = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < requests && failures.Count < MaxReportedFailures; i++)
        {
            var requestSeed = pcg.ToString();
            var request = anyRequest.Generate(pcg, null, out _);
            var (status, problem) = await SendAsync(client, request);
            if (status is null && problem is null)
            {
                unsendable++;
                continue;
            }

            statuses[status ?? 0] = statuses.GetValueOrDefault(status ?? 0) + 1;
            var (count, successes) = reached.GetValueOrDefault(request.Operation);
            reached[request.Operation] = (count + 1, successes + (status is >= 200 and < 300 ? 1 : 0));
            if (problem is not null)
            {
                failures.Add($"request #{i}, BLUX_FUZZ_SEED={requestSeed}: {problem}\n{request}");
            }
        }

        _output.WriteLine($"{requests} requests from seed {seed} in {clock.Elapsed.TotalSeconds:0.0} s ({unsendable} not sendable by the test client)");
        _output.WriteLine("statuses: " + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        _output.WriteLine("operations with a 2xx: " + reached.Count(r => r.Value.Successes > 0) + " of " + operations.Count);
        failures.Should().BeEmpty(string.Join("\n\n", failures));
        if (requests >= DefaultRequests)
        {
            operations.Where(o => !reached.ContainsKey(o)).Should().BeEmpty("every operation of the document gets requests");
            reached.Values.Sum(r => r.Successes).Should().BePositive("some requests get through to the handlers");
        }

        (await admin.GetAsync("/health")).IsSuccessStatusCode.Should().BeTrue("the host is still up");
        var verify = await admin.GetFromJsonAsync<JsonObject>("/v1/audit/verify");
        verify!["valid"]!.GetValue<bool>().Should().BeTrue("nothing the fuzzer sent broke the audit chain: " + verify.ToJsonString());
    }

    /// <summary>Sends one request; the status, and what is wrong with the answer (null when nothing); both null when the test client cannot send it.</summary>
    private static async Task<(int? Status, string? Problem)> SendAsync(HttpClient client, FuzzRequest request)
    {
        HttpRequestMessage message;
        try
        {
            message = Message(request);
        }
        catch (Exception exception) when (exception is UriFormatException or FormatException or InvalidOperationException)
        {
            return (null, null);
        }

        using (message)
        using (var timeout = new CancellationTokenSource(PerRequestTimeout))
        {
            try
            {
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
                {
                    // The live audit tail never ends; its answering at all is what counts here.
                    return (status, null);
                }

                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                return (status, Judge(status, response, body));
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return (0, $"no answer within {PerRequestTimeout.TotalSeconds} s");
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or InvalidOperationException)
            {
                return (0, "the request failed: " + exception);
            }
        }
    }

    private static HttpRequestMessage Message(FuzzRequest request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Operation.Method), request.Target);
        if (request.Authorization is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", request.Authorization);
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        return message;
    }

    private static string? Judge(int status, HttpResponseMessage response, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        if (status >= 500)
        {
            return $"answered {status}: {text}";
        }

        if (status < 400)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return $"answered {status} with {response.Content.Headers.ContentType?.ToString() ?? "no content type"}, not the envelope: {text}";
        }

        JsonNode? error;
        try
        {
            error = JsonNode.Parse(body)?["error"];
        }
        catch (JsonException)
        {
            return $"answered {status} with a body that is not JSON: {text}";
        }

        var code = (error?["code"] as JsonValue)?.TryGetValue<string>(out var c) == true ? c : null;
        var wellFormed = error is JsonObject
            && code is not null
            && error["message"] is JsonValue message && message.TryGetValue<string>(out _)
            && error["details"] is JsonObject
            && error["timestamp"] is JsonValue timestamp && timestamp.TryGetValue<string>(out var at) && at.EndsWith('Z')
            && (error["audit_id"] is null || (error["audit_id"] is JsonValue audit && audit.TryGetValue<string>(out var id) && id.StartsWith("aud_err_", StringComparison.Ordinal)));
        if (!wellFormed)
        {
            return $"answered {status} without the envelope: {text}";
        }

        return CodeOfStatus.TryGetValue(status, out var expected) && expected != code
            ? $"answered {status} with code {code}, expected {expected}: {text}"
            : null;
    }

    private static (int Requests, string Seed) Settings()
    {
        var requests = int.TryParse(Environment.GetEnvironmentVariable("BLUX_FUZZ_REQUESTS"), out var n) && n > 0 ? n : DefaultRequests;
        var seed = Environment.GetEnvironmentVariable("BLUX_FUZZ_SEED") is { Length: > 0 } s ? s : DefaultSeed;
        return (requests, seed);
    }
}
