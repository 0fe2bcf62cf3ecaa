using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Guard;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Blux.IntegrationTests.Commander;

/// <summary>
/// Commander in a real browser against a real Blux: sign-in, live tasks, the task's timeline, factors
/// and audit records verified by WebCrypto in the page, tampering shown, hostile payloads shown as text.
/// </summary>
[Collection(CommanderCollection.Name)]
public sealed class CommanderTests(CommanderHost host)
{
    [Fact]
    public async Task A_task_submitted_through_the_API_appears_live_completes_and_its_detail_verifies_in_the_browser()
    {
        var (context, page, errors) = await host.OpenAsync();
        await using var _ = context;
        await host.SignInAsync(page, "admin", host.AdminSecret);
        await page.GetByRole(AriaRole.Link, new() { Name = "Tasks", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/commander/tasks$"));
        await page.Locator("#task-list").WaitForAsync();

        var request = TaskRequest.Create("echo", new JsonObject
        {
            ["note"] = "<script>window.__xss = 'script'</script>",
            ["attribute"] = "\"><img src=x onerror=\"window.__xss = 'img'\">",
        }, requireReflection: true);
        await host.Admin.SubmitAsync(request);

        // No reload: the list follows the live feed.
        var row = page.Locator("#task-list tr", new() { HasText = request.Id() });
        await Expect(row.Locator("[data-status='completed']")).ToBeVisibleAsync();
        await CommanderHost.ScreenshotAsync(page, "tasks");

        await row.GetByRole(AriaRole.Link, new() { Name = request.Id() }).ClickAsync();
        await Expect(page.Locator("#task-status [data-status], #task-status")).ToHaveAttributeAsync("data-status", "completed");
        var task = await host.Admin.FinishedAsync(request.Id());
        var records = task["audit_trail"]!.AsArray().Count;
        records.Should().BeGreaterThanOrEqualTo(2);
        await Expect(page.Locator(".verdict[data-verified='true']")).ToHaveCountAsync(records);
        await Expect(page.Locator("#timeline li[data-step='TaskStart']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#timeline li[data-step='RouteDecision']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#timeline li[data-step='TaskCompleted']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#timeline li[data-step='audit task.execute']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#factors li")).ToHaveCountAsync(task["reflection"]!["factors"]!.AsArray().Count);
        await Expect(page.Locator("#factors li[data-factor='novelty'] .factor-explanation")).ToContainTextAsync("echo");

        // The payload comes back in the result as text: no element made of it, no script run.
        await Expect(page.Locator("#task-result")).ToContainTextAsync("<script>window.__xss = 'script'</script>");
        await Expect(page.Locator("#task-result")).ToContainTextAsync("<img src=x onerror=");
        (await page.Locator("#task-result img, #task-result script").CountAsync()).Should().Be(0);
        (await page.EvaluateAsync<bool>("() => window.__xss === undefined")).Should().BeTrue();
        await page.Locator("#timeline").ScrollIntoViewIfNeededAsync();
        await CommanderHost.ScreenshotAsync(page, "task");
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_record_changed_in_the_store_shows_a_failed_badge_and_the_others_stay_verified()
    {
        var request = TaskRequest.Create("echo");
        await host.Admin.SubmitAsync(request);
        var task = await host.Admin.FinishedAsync(request.Id());
        var executed = task["audit_trail"]!.AsArray().Single(r => r!["operation"]!.GetValue<string>() == "task.execute")!["audit_id"]!.GetValue<string>();

        var (context, page, _) = await host.OpenAsync();
        await using var __ = context;
        await host.SignInAsync(page, "admin", host.AdminSecret);
        GuardStore.Execute(host.DataPath, $"UPDATE audit_records SET duration_ms = duration_ms + 1000 WHERE audit_id = '{executed}'");
        try
        {
            await page.GotoAsync($"/commander/tasks/{request.Id()}");
            var tampered = page.Locator($".verdict[data-audit-id='{executed}']");
            await Expect(tampered).ToHaveAttributeAsync("data-verified", "false");
            await Expect(tampered).ToContainTextAsync("record_hash_mismatch");
            await Expect(page.Locator(".verdict[data-verified='true']")).ToHaveCountAsync(task["audit_trail"]!.AsArray().Count - 1);
            await page.Locator(".verdict").First.ScrollIntoViewIfNeededAsync();
            await CommanderHost.ScreenshotAsync(page, "task-tampered");
        }
        finally
        {
            GuardStore.Execute(host.DataPath, $"UPDATE audit_records SET duration_ms = duration_ms - 1000 WHERE audit_id = '{executed}'");
        }
    }

    [Fact]
    public async Task The_overview_shows_health_live_numbers_and_a_valid_chain()
    {
        var (context, page, errors) = await host.OpenAsync();
        await using var _ = context;
        await host.SignInAsync(page, "admin", host.AdminSecret);
        await Expect(page.Locator("#chain-badge")).ToContainTextAsync("Chain valid");
        await Expect(page.Locator("#module-health")).ToContainTextAsync("blux-guard");
        await Expect(page.Locator("#queue-depth")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]+$"));
        await Expect(page.Locator("#tasks-per-second")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]+\\.[0-9]{2}$"));
        await CommanderHost.ScreenshotAsync(page, "overview");
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_session_cookie_is_HttpOnly_and_strict_actions_need_the_antiforgery_token_and_sign_out_ends_it()
    {
        var (context, page, _) = await host.OpenAsync();
        await using var _c = context;
        await host.SignInAsync(page, "admin", host.AdminSecret);

        var cookie = (await context.CookiesAsync()).Single(c => c.Name == "blux_session");
        cookie.HttpOnly.Should().BeTrue();
        cookie.SameSite.Should().Be(SameSiteAttribute.Strict);
        (await page.EvaluateAsync<string>("() => document.cookie")).Should().NotContain("blux_session");
        (await page.EvaluateAsync<string>("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")).Should().Be("{}{}");

        var forged = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const response = await fetch('/v1/keys/rotate', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key_type: 'token_signing', rotation_reason: 'forged' }) });
              return { status: response.status, text: await response.text() };
            }
            """);
        forged.GetProperty("status").GetInt32().Should().Be(403);
        forged.GetProperty("text").GetString().Should().Contain("antiforgery_token_invalid").And.Contain("aud_err_");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        var after = await page.EvaluateAsync<JsonElement>("""
            async () => { const response = await fetch('/v1/tasks'); return { status: response.status, text: await response.text() }; }
            """);
        after.GetProperty("status").GetInt32().Should().Be(401);
    }

    [Fact]
    public async Task Root_sends_a_browser_to_Commander_and_an_API_client_gets_links()
    {
        var (context, page, _) = await host.OpenAsync();
        await using var _c = context;
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/commander$"));
        await CommanderHost.ScreenshotAsync(page, "sign-in");

        using var client = new HttpClient { BaseAddress = new Uri(host.Blux.BaseUrl) };
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        var index = await (await client.GetAsync("/")).BodyAsync();
        index["links"]!["openapi"]!.GetValue<string>().Should().Be("/openapi/v1.json");
        index["links"]!["jwks"]!.GetValue<string>().Should().Be("/.well-known/jwks.json");
        index["links"]!["health"]!.GetValue<string>().Should().Be("/health");

        var shell = await client.GetAsync("/commander/tasks");
        shell.StatusCode.Should().Be(HttpStatusCode.OK);
        shell.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.NotContain("unsafe-inline");
        (await client.GetAsync("/commander/..%2F..%2Fappsettings.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
