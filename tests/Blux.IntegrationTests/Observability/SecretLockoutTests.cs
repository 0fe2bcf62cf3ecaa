using System.Net;
using System.Net.Http.Json;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Reg;

namespace Blux.IntegrationTests.Observability;

/// <summary>
/// Wrong secrets for one client back off with the default settings (5 free, then 1 s doubling), on a
/// fake clock; the address budget is raised so that only the lockout is under test.
/// </summary>
public sealed class SecretLockoutTests : IDisposable
{
    private readonly FakeClockBlux _blux = new(new Dictionary<string, string?>
    {
        ["Blux:RateLimits:Anonymous:PerMinute"] = "100000",
        ["Blux:RateLimits:Anonymous:PerSecond"] = "100000",
    });

    [Fact]
    public async Task After_300_wrong_secrets_in_a_row_the_right_one_does_not_work_at_once()
    {
        var (id, secret) = await CreateUserAsync();
        var answers = new List<HttpStatusCode>();
        for (var guess = 0; guess < 300; guess++)
        {
            answers.Add((await _blux.Factory.RequestTokenAsync(id, "wrong-" + guess)).StatusCode);
        }

        answers.Take(6).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized, "five free failures, and the sixth starts the lockout");
        answers.Skip(6).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests, "no secret is checked while the client is locked out");

        var right = await _blux.Factory.RequestTokenAsync(id, secret);
        var error = await right.ShouldFailAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED", "client_id", "locked_out");
        error["audit_id"].Should().BeNull();
        error["details"]!["reset_in"]!.GetValue<int>().Should().Be(1);
        right.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));

        _blux.Clock.Advance(TimeSpan.FromSeconds(1));
        (await _blux.Factory.RequestTokenAsync(id, secret)).StatusCode.Should().Be(HttpStatusCode.OK, "the lockout is over and the secret is right");
    }

    [Fact]
    public async Task Each_wrong_secret_after_a_lockout_doubles_the_next_and_each_lockout_is_audited()
    {
        var (id, secret) = await CreateUserAsync();
        for (var guess = 0; guess < 5; guess++)
        {
            (await _blux.Factory.RequestTokenAsync(id, "wrong")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        foreach (var seconds in new[] { 1, 2, 4, 8, 16 })
        {
            (await _blux.Factory.RequestTokenAsync(id, "wrong")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            var locked = await _blux.Factory.RequestTokenAsync(id, secret);
            var error = await locked.ShouldFailAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED", "client_id", "locked_out");
            error["details"]!["reset_in"]!.GetValue<int>().Should().Be(seconds);
            _blux.Clock.Advance(TimeSpan.FromSeconds(seconds));
        }

        using var auditor = await _blux.AdminClientAsync();
        var lockouts = (await (await auditor.GetAsync("/v1/audit?operation=auth.lockout")).BodyAsync())["entries"]!.AsArray();
        lockouts.Should().HaveCount(5);
        lockouts.Select(r => r!["identity"]!.GetValue<string>()).Should().AllBe("client:" + id);
        lockouts.Select(r => r!["data"]!["lockout_seconds"]!.GetValue<double>()).Should().BeEquivalentTo(new[] { 1.0, 2, 4, 8, 16 });
    }

    [Fact]
    public async Task An_unknown_client_is_locked_out_like_a_known_one()
    {
        for (var guess = 0; guess < 6; guess++)
        {
            (await _blux.Factory.RequestTokenAsync("user_nobody", "wrong")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        await (await _blux.Factory.RequestTokenAsync("user_nobody", "wrong")).ShouldFailAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED", "client_id", "locked_out");
    }

    [Fact]
    public async Task A_right_secret_between_wrong_ones_starts_the_count_over()
    {
        var (id, secret) = await CreateUserAsync();
        for (var round = 0; round < 3; round++)
        {
            for (var guess = 0; guess < 5; guess++)
            {
                (await _blux.Factory.RequestTokenAsync(id, "wrong")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            }

            (await _blux.Factory.RequestTokenAsync(id, secret)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    public void Dispose() => _blux.Dispose();

    private async Task<(string Id, string Secret)> CreateUserAsync()
    {
        using var admin = await _blux.AdminClientAsync();
        var created = await admin.PostAsJsonAsync("/v1/identities", new { kind = "user", display_name = "Guessed", roles = new[] { "auditor" } });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await created.BodyAsync();
        return (body["id"]!.GetValue<string>(), body["client_secret"]!.GetValue<string>());
    }
}
