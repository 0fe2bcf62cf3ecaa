using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Reg;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Blux.IntegrationTests.Observability;

/// <summary>
/// The budgets of docs/contract.md#rate-limits with their defaults, on a fake clock: users 100 a minute, services 1000, a burst
/// of 50 in any second, requests without a token 60 a minute per address.
/// </summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly FakeClockBlux _blux = new(raiseRateLimits: false);

    [Fact]
    public async Task The_101st_call_of_a_user_in_a_minute_is_429_with_the_headers_and_the_envelope()
    {
        using var refusals = new MetricCollector<long>(_blux.Factory.Services.GetRequiredService<IMeterFactory>(), "Blux.Host", "blux.rate_limit.refusals");
        using var user = await ClientAsync("user", "auditor");
        for (var call = 1; call <= 100; call++)
        {
            var response = await user.GetAsync("/v1/tasks");
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"call {call} is within the budget");
            Header(response, "X-RateLimit-Limit").Should().Be("100");
            Header(response, "X-RateLimit-Remaining").Should().Be((100 - call).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (call % 40 == 0)
            {
                // Paced under the burst of 50 a second: this test is about the minute.
                _blux.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var refused = await user.GetAsync("/v1/tasks");
        var error = await refused.ShouldFailAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED", null, null);
        error["details"]!["limit"]!.GetValue<int>().Should().Be(100);
        error["details"]!["reset_in"]!.GetValue<int>().Should().Be(58, "the minute began two fake seconds ago");
        error["audit_id"].Should().BeNull();
        Header(refused, "Retry-After").Should().Be("58");
        Header(refused, "X-RateLimit-Limit").Should().Be("100");
        Header(refused, "X-RateLimit-Remaining").Should().Be("0");
        Header(refused, "X-RateLimit-Reset").Should().Be((_blux.Clock.GetUtcNow().ToUnixTimeSeconds() + 58).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Header(refused, "RateLimit-Policy").Should().Be("\"minute\";q=100;w=60, \"burst\";q=50;w=1");
        Header(refused, "RateLimit").Should().StartWith("\"minute\";r=0;t=58, \"burst\";");

        var measurements = refusals.GetMeasurementSnapshot();
        measurements.Should().ContainSingle();
        measurements[0].Tags.Should().Contain(new KeyValuePair<string, object?>("blux.rate_limit.policy", "users"));
        measurements[0].Tags.Should().Contain(new KeyValuePair<string, object?>("blux.rate_limit.window", "minute"));

        _blux.Clock.Advance(TimeSpan.FromSeconds(57));
        (await user.GetAsync("/v1/tasks")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the minute is not over yet");
        _blux.Clock.Advance(TimeSpan.FromSeconds(1));
        var renewed = await user.GetAsync("/v1/tasks");
        renewed.StatusCode.Should().Be(HttpStatusCode.OK, "a new minute brings a new budget");
        Header(renewed, "X-RateLimit-Remaining").Should().Be("99");
    }

    [Fact]
    public async Task More_than_50_calls_in_one_second_are_refused_until_the_second_is_over()
    {
        using var user = await ClientAsync("user", "auditor");
        for (var call = 1; call <= 50; call++)
        {
            (await user.GetAsync("/v1/tasks")).StatusCode.Should().Be(HttpStatusCode.OK, $"call {call} is within the burst");
        }

        var refused = await user.GetAsync("/v1/tasks");
        var error = await refused.ShouldFailAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED", null, null);
        error["details"]!["limit"]!.GetValue<int>().Should().Be(50);
        error["details"]!["window"]!.GetValue<string>().Should().Be("second");
        error["details"]!["reset_in"]!.GetValue<int>().Should().Be(1);
        Header(refused, "Retry-After").Should().Be("1");
        Header(refused, "X-RateLimit-Remaining").Should().Be("50", "the refused call spent nothing of the minute");

        _blux.Clock.Advance(TimeSpan.FromSeconds(1));
        (await user.GetAsync("/v1/tasks")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_service_has_a_budget_of_its_own_and_a_larger_one()
    {
        using var user = await ClientAsync("user", "auditor");
        using var service = await ClientAsync("service", "service");
        for (var call = 1; call <= 100; call++)
        {
            await user.GetAsync("/v1/tasks");
            if (call % 40 == 0)
            {
                _blux.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        (await user.GetAsync("/v1/tasks")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);

        HttpResponseMessage last = null!;
        for (var call = 1; call <= 150; call++)
        {
            last = await service.GetAsync("/v1/tasks");
            last.StatusCode.Should().Be(HttpStatusCode.OK, $"the service's call {call} spends the service's budget, not the user's");
            if (call % 40 == 0)
            {
                _blux.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Header(last, "X-RateLimit-Limit").Should().Be("1000");
        Header(last, "X-RateLimit-Remaining").Should().Be("850");
    }

    [Fact]
    public async Task Token_requests_are_limited_per_client_address()
    {
        using var anonymous = _blux.Factory.CreateClient();
        for (var call = 1; call <= 60; call++)
        {
            var response = await BluxTokens.RequestAsync(anonymous, "nobody_" + call, "guess");
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"call {call} is within the address's budget");
            Header(response, "X-RateLimit-Limit").Should().Be("60");
            if (call % 10 == 0)
            {
                _blux.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var refused = await BluxTokens.RequestAsync(anonymous, "nobody", "guess");
        var error = await refused.ShouldFailAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED", null, null);
        error["details"]!["policy"]!.GetValue<string>().Should().Be("anonymous");
        error["details"]!["limit"]!.GetValue<int>().Should().Be(60);
    }

    [Fact]
    public async Task Probes_and_the_key_set_are_not_limited()
    {
        using var anonymous = _blux.Factory.CreateClient();
        for (var call = 1; call <= 80; call++)
        {
            (await anonymous.GetAsync("/health")).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests);
            (await anonymous.GetAsync("/.well-known/jwks.json")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    public void Dispose() => _blux.Dispose();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    private async Task<HttpClient> ClientAsync(string kind, string role)
    {
        using var admin = await _blux.AdminClientAsync();
        var created = await admin.PostAsJsonAsync("/v1/identities", new { kind, display_name = "Budget " + kind, roles = new[] { role } });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.BodyAsync();
        var token = await _blux.Factory.TokenAsync(body["id"]!.GetValue<string>(), body["client_secret"]!.GetValue<string>());
        return _blux.Factory.BearerClient(token);
    }
}
