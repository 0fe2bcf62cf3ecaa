using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Blux.Host.Commander;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Reg;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Blux.IntegrationTests.Commander;

/// <summary>
/// Commander's session without a browser: what sign-in accepts and refuses, what the cookie stands
/// for and when it stops standing for anything.
/// </summary>
public sealed class CommanderSessionTests : IDisposable
{
    private readonly BluxFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Sign_in_answers_the_session_not_the_token_and_the_cookie_then_acts_as_the_identity()
    {
        using var browser = _factory.CreateClient();
        var response = await SignInAsync(browser, "admin", _factory.AdminSecret);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.BodyAsync();
        body["identity"]!.GetValue<string>().Should().Be("admin");
        body.ContainsKey("access_token").Should().BeFalse();
        body["antiforgery_token"]!.GetValue<string>().Should().HaveLength(43);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        cookie.Should().StartWith("blux_session=").And.Contain("httponly").And.Contain("samesite=strict").And.NotContain("secure", "the test server is plain HTTP");

        (await browser.GetAsync("/v1/tasks")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await browser.GetAsync("/commander/session")).BodyAsync())["antiforgery_token"]!.GetValue<string>()
            .Should().Be(body["antiforgery_token"]!.GetValue<string>());

        // Asking for a token with credentials is not an action of the session (Swagger UI on the same origin).
        var token = await browser.PostAsync("/v1/tokens", Json.Content(new JsonObject
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "admin", ["client_secret"] = _factory.AdminSecret,
        }.ToJsonString()));
        token.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_action_without_the_antiforgery_token_is_refused_audited_and_not_done_and_with_it_is_done()
    {
        using var browser = _factory.CreateClient();
        var session = await (await SignInAsync(browser, "admin", _factory.AdminSecret)).BodyAsync();
        var identity = new { kind = "user", display_name = "Made by a session", roles = new[] { "auditor" } };

        var forged = await browser.PostAsync("/v1/identities", Json.Content(System.Text.Json.JsonSerializer.Serialize(identity)));
        var error = await forged.ShouldFailAsync(HttpStatusCode.Forbidden, "FORBIDDEN", "X-Blux-Antiforgery", "antiforgery_token_invalid");
        var auditId = error["audit_id"]!.GetValue<string>();
        (await _factory.AuditRecordAsync(auditId))["identity"]!.GetValue<string>().Should().Be("user:admin");

        var wrong = new HttpRequestMessage(HttpMethod.Post, "/v1/identities") { Content = Json.Content(System.Text.Json.JsonSerializer.Serialize(identity)) };
        var token = session["antiforgery_token"]!.GetValue<string>();
        wrong.Headers.Add(CommanderSessionMiddleware.AntiforgeryHeader, token[..^1] + (token[^1] == 'A' ? 'B' : 'A'));
        (await browser.SendAsync(wrong)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var admin = await _factory.AdminClientAsync();
        var before = (await (await admin.GetAsync("/v1/identities")).BodyAsync())["identities"]!.AsArray().Count;
        var right = new HttpRequestMessage(HttpMethod.Post, "/v1/identities") { Content = Json.Content(System.Text.Json.JsonSerializer.Serialize(identity)) };
        right.Headers.Add(CommanderSessionMiddleware.AntiforgeryHeader, session["antiforgery_token"]!.GetValue<string>());
        var created = await browser.SendAsync(right);
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        (await (await admin.GetAsync("/v1/identities")).BodyAsync())["identities"]!.AsArray().Count.Should().Be(before + 1);
    }

    [Fact]
    public async Task Sign_in_refuses_a_form_body_and_a_wrong_secret_the_way_the_token_endpoint_does()
    {
        using var browser = _factory.CreateClient();
        var form = await browser.PostAsync("/commander/session", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "admin", ["client_secret"] = _factory.AdminSecret,
        }));
        await form.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "content_type", "must_be_json");
        form.Headers.Contains("Set-Cookie").Should().BeFalse();

        var wrong = await SignInAsync(browser, "admin", "not-the-secret");
        var error = await wrong.ShouldFailAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", null, null);
        error["audit_id"]!.GetValue<string>().Should().StartWith("aud_err_");
        wrong.Headers.Contains("Set-Cookie").Should().BeFalse();

        var broken = await browser.PostAsync("/commander/session", new StringContent("{\"client_id\":", Encoding.UTF8, "application/json"));
        broken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await browser.GetAsync("/v1/tasks")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_made_up_or_ended_session_cookie_stands_for_no_one()
    {
        using var stranger = _factory.CreateClient();
        foreach (var value in new[] { "made-up", new string('A', 43), new string('x', 5000) })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tasks");
            request.Headers.Add("Cookie", $"blux_session={value}");
            (await stranger.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using var browser = _factory.CreateClient();
        var session = await (await SignInAsync(browser, "admin", _factory.AdminSecret)).BodyAsync();
        var end = new HttpRequestMessage(HttpMethod.Post, "/commander/session/end");
        end.Headers.Add(CommanderSessionMiddleware.AntiforgeryHeader, session["antiforgery_token"]!.GetValue<string>());
        (await browser.SendAsync(end)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await browser.GetAsync("/commander/session")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await browser.GetAsync("/v1/tasks")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Sessions_end_with_their_token_and_the_oldest_goes_when_the_store_is_full()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var sessions = new CommanderSessions(Options.Create(new CommanderOptions { MaxSessions = 2 }), clock);
        var caller = new Blux.SharedKernel.Identity.Caller("user_a", "user", ["approver"], ["tasks:read"], "jti");

        var (first, _) = sessions.Open("t1", caller, clock.GetUtcNow().AddMinutes(10));
        clock.Advance(TimeSpan.FromSeconds(1));
        var (second, _) = sessions.Open("t2", caller, clock.GetUtcNow().AddMinutes(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        var (third, opened) = sessions.Open("t3", caller, clock.GetUtcNow().AddMinutes(10));

        sessions.Find(first).Should().BeNull("the oldest session made room");
        sessions.Find(second)!.AccessToken.Should().Be("t2");
        sessions.Find(third)!.AccessToken.Should().Be("t3");
        clock.Advance(TimeSpan.FromMinutes(1));
        sessions.Find(second).Should().BeNull("its token has expired");
        sessions.Find(third).Should().NotBeNull();

        CommanderSessions.AntiforgeryMatches(opened, opened.AntiforgeryToken).Should().BeTrue();
        CommanderSessions.AntiforgeryMatches(opened, null).Should().BeFalse();
        CommanderSessions.AntiforgeryMatches(opened, opened.AntiforgeryToken + "x").Should().BeFalse();
        sessions.Find(new string('x', 129)).Should().BeNull();
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string id, string secret) =>
        client.PostAsync("/commander/session", Json.Content(new JsonObject
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = id,
            ["client_secret"] = secret,
        }.ToJsonString()));
}
