using System.Net;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Blux.IntegrationTests.Commander;

/// <summary>
/// Actions taken in Commander: four-eyes approval (the submitter refused, a second identity approves),
/// a key rotated after a confirm step, and an identity without <c>tasks:approve</c> shown no approve
/// button and refused by the endpoint all the same; then every other page, each screenshotted.
/// </summary>
[Collection(CommanderCollection.Name)]
public sealed class CommanderActionTests(CommanderHost host) : IAsyncLifetime
{
    private const string HeldEnvironment = "staging";

    public async Task InitializeAsync()
    {
        var rules = (await (await host.Admin.GetAsync("/v1/policies")).Content.ReadAsStringAsync());
        if (!rules.Contains($"hold-echo-in-{HeldEnvironment}", StringComparison.Ordinal))
        {
            await host.Admin.HoldForApprovalAsync("echo", HeldEnvironment);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_held_task_is_refused_to_its_submitter_and_approved_by_a_second_identity()
    {
        var submitter = await host.CreateIdentityAsync(["operator"]);
        var approver = await host.CreateIdentityAsync(["approver"]);
        using var submitterApi = await host.ClientAsync(submitter.Id, submitter.Secret);
        var request = TaskRequest.Create("echo", environment: HeldEnvironment);
        await submitterApi.SubmitAsync(request);
        await submitterApi.ReachesAsync(request.Id(), "awaiting_approval");

        var (mine, minePage, _) = await host.OpenAsync();
        await using (mine)
        {
            await host.SignInAsync(minePage, submitter.Id, submitter.Secret);
            await minePage.GotoAsync("/commander/approvals");
            var row = minePage.Locator($"[data-task-id='{request.Id()}']");
            await row.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await row.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
            await Expect(minePage.Locator("#approval-message")).ToContainTextAsync("403");
        }

        (await submitterApi.GetTaskAsync(request.Id()))["status"]!.GetValue<string>().Should().Be("awaiting_approval");

        var (theirs, page, errors) = await host.OpenAsync();
        await using (theirs)
        {
            await host.SignInAsync(page, approver.Id, approver.Secret);
            await page.GetByRole(AriaRole.Link, new() { Name = "Approvals" }).ClickAsync();
            var row = page.Locator($"[data-task-id='{request.Id()}']");
            await row.GetByLabel($"Reason for {request.Id()}").FillAsync("checked by a second person");
            await CommanderHost.ScreenshotAsync(page, "approvals");
            await row.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Confirm" })).ToBeVisibleAsync();
            await row.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
            await Expect(row).ToHaveCountAsync(0);
            errors.Should().BeEmpty();
        }

        var task = await submitterApi.FinishedAsync(request.Id());
        task["status"]!.GetValue<string>().Should().Be("completed");
        task["review"]!.ToJsonString().Should().Contain(approver.Id);
    }

    [Fact]
    public async Task An_identity_without_tasks_approve_sees_no_approve_button_and_the_endpoint_refuses_it()
    {
        var service = await host.CreateIdentityAsync(["service"]);
        using var api = await host.ClientAsync(service.Id, service.Secret);
        var request = TaskRequest.Create("echo", environment: HeldEnvironment);
        await api.SubmitAsync(request);
        await api.ReachesAsync(request.Id(), "awaiting_approval");

        var (context, page, _) = await host.OpenAsync();
        await using var _c = context;
        await host.SignInAsync(page, service.Id, service.Secret);
        await Expect(page.Locator("#nav a[data-page='approvals']")).ToBeHiddenAsync();
        await page.GotoAsync($"/commander/tasks/{request.Id()}");
        await Expect(page.Locator("#task-status")).ToHaveAttributeAsync("data-status", "awaiting_approval");
        (await page.Locator("[data-action='approve']").CountAsync()).Should().Be(0);

        var status = await page.EvaluateAsync<int>($$"""
            async () => {
              const session = await (await fetch('/commander/session')).json();
              const response = await fetch('/v1/tasks/{{request.Id()}}/approve', { method: 'POST',
                headers: { 'Content-Type': 'application/json', 'X-Blux-Antiforgery': session.antiforgery_token },
                body: JSON.stringify({ reason: 'not mine to approve' }) });
              return response.status;
            }
            """);
        status.Should().Be((int)HttpStatusCode.Forbidden);
        (await api.GetTaskAsync(request.Id()))["status"]!.GetValue<string>().Should().Be("awaiting_approval");
    }

    [Fact]
    public async Task A_key_is_rotated_after_a_confirm_step()
    {
        var (context, page, errors) = await host.OpenAsync();
        await using var _c = context;
        await host.SignInAsync(page, "admin", host.AdminSecret);
        await page.GetByRole(AriaRole.Link, new() { Name = "Keys" }).ClickAsync();
        var tokenKeys = page.Locator("#key-list tr", new() { HasText = "token_signing" });
        await Expect(tokenKeys.First).ToBeVisibleAsync();
        var before = await tokenKeys.CountAsync();

        await page.GetByLabel("Key type").SelectOptionAsync("token_signing");
        await page.GetByLabel("Reason").FillAsync("rotated from Commander");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate" }).ClickAsync();
        (await tokenKeys.CountAsync()).Should().Be(before, "nothing changes before the confirm step");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Expect(page.Locator("#key-message")).ToContainTextAsync("Rotated");
        await Expect(tokenKeys).ToHaveCountAsync(before + 1);
        var audit = await (await host.Admin.GetAsync("/v1/audit?operation=key.rotate")).BodyAsync();
        audit["entries"]!.AsArray().Should().Contain(e => e!["identity"]!.GetValue<string>() == "user:admin" && e["data"]!.ToJsonString().Contains("rotated from Commander"));
        await CommanderHost.ScreenshotAsync(page, "keys");
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_audit_page_says_its_stream_was_refused_when_the_identity_holds_all_its_streams()
    {
        var auditor = await host.CreateIdentityAsync(["auditor"]);
        using var api = await host.ClientAsync(auditor.Id, auditor.Secret);
        var held = new List<HttpResponseMessage>();
        try
        {
            for (var stream = 0; stream < 16; stream++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/audit/stream");
                var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                held.Add(response);
                response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, $"stream {stream + 1} of the default 16");
            }

            var (context, page, _) = await host.OpenAsync();
            await using var _c = context;
            await host.SignInAsync(page, auditor.Id, auditor.Secret);
            await page.GotoAsync("/commander/audit");

            await Expect(page.Locator("#stream-state")).ToContainTextAsync("too many open streams");
            await CommanderHost.ScreenshotAsync(page, "audit-streams-held");
        }
        finally
        {
            held.ForEach(response => response.Dispose());
        }
    }

    [Fact]
    public async Task Audit_doctrine_and_identities_pages_show_their_data_and_keep_state_in_the_URL()
    {
        // The audit page shows Lite's records of a task this test submits, not whatever other tests left.
        await host.Admin.SubmitAsync(TaskRequest.Create("echo"));
        var (context, page, errors) = await host.OpenAsync();
        await using var _c = context;
        await host.SignInAsync(page, "admin", host.AdminSecret);

        await page.GotoAsync("/commander/audit?service=blux-lite");
        await Expect(page.Locator("#stream-state")).ToHaveTextAsync("connected");
        await Expect(page.Locator("#audit-list .verdict[data-verified='true']").First).ToBeVisibleAsync();
        (await page.Locator("#audit-list .verdict[data-verified='false']").CountAsync()).Should().Be(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify chain" }).ClickAsync();
        await Expect(page.Locator("#verify-result")).ToContainTextAsync("Chain valid");
        await CommanderHost.ScreenshotAsync(page, "audit");

        // The class holds echo tasks in staging by a doctrine rule: the newest version adds it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Doctrine" }).ClickAsync();
        var added = page.Locator("#doctrine-diff .add", new() { HasText = $"hold-echo-in-{HeldEnvironment}" });
        await Expect(added).ToHaveCountAsync(1);
        await added.ScrollIntoViewIfNeededAsync();
        await CommanderHost.ScreenshotAsync(page, "doctrine");
        var request = page.GetByLabel("Task request (JSON)");
        await request.FillAsync((await request.InputValueAsync()).Replace("development", HeldEnvironment, StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Expect(page.Locator("#dry-run-result")).ToContainTextAsync("require_approval");

        await page.GetByRole(AriaRole.Link, new() { Name = "Identities" }).ClickAsync();
        await page.GetByLabel("Display name").FillAsync("Made in Commander");
        await page.GetByLabel("approver").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.Locator("#new-secret")).ToBeVisibleAsync();
        await CommanderHost.ScreenshotAsync(page, "identities");

        var (narrow, narrowPage, _) = await host.OpenAsync(width: 420, height: 800);
        await using (narrow)
        {
            await host.SignInAsync(narrowPage, "admin", host.AdminSecret);
            await narrowPage.GotoAsync("/commander/tasks?status=completed");
            await Expect(narrowPage.GetByLabel("Status")).ToHaveValueAsync("completed");
            await CommanderHost.ScreenshotAsync(narrowPage, "tasks-narrow");
        }

        errors.Should().BeEmpty();
    }
}
