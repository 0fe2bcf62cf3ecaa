using System.Net.Http.Json;
using System.Text.Json;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;
using Microsoft.Playwright;

namespace Blux.IntegrationTests.Commander;

/// <summary>
/// Blux.Host on a Kestrel port of its own and Debian's Chromium driven by Playwright (no browser is
/// downloaded: <see cref="ChromiumPath"/>, or <c>BLUX_CHROMIUM</c>). Pages open at 1280×800; their
/// screenshots go to <c>artifacts/commander/</c> in the checkout.
/// </summary>
public sealed class CommanderHost : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright _playwright = null!;

    public string DataPath { get; } = TestDirectory.New();

    public HostProcess Blux { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public string AdminSecret { get; private set; } = null!;

    public static string Screenshots { get; } = Path.Combine(RepositoryRoot.Path, "artifacts", "commander");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        // A short live interval so that a change shows within a test's patience, not a second later.
        Blux = await HostProcess.StartAsync(DataPath, new Dictionary<string, string> { ["Blux__Commander__LiveIntervalMs"] = "250" });
        AdminSecret = BluxTokens.AdminSecret(DataPath);
        Admin = await Blux.AdminClientAsync(DataPath);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("BLUX_CHROMIUM") ?? ChromiumPath,
            Headless = true,
            // Root in a container has no user namespaces for Chromium's own sandbox.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        Admin.Dispose();
        await Blux.StopAsync();
        await Blux.DisposeAsync();
        TestDirectory.Delete(DataPath);
    }

    /// <summary>A fresh browser context (its own cookies) with a page at 1280×800 that records console errors.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> OpenAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Blux.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            // A refused request the page handles (a 403 shown to the user, a 404 for "no checkpoint yet")
            // is logged by Chromium as a failed resource; script errors and CSP refusals are not that.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.Dialog += (_, dialog) => errors.Add($"dialog opened: {dialog.Message}");
        return (context, page, errors);
    }

    public async Task SignInAsync(IPage page, string clientId, string secret)
    {
        await page.GotoAsync("/commander");
        await page.GetByLabel("Client id").FillAsync(clientId);
        await page.GetByLabel("Client secret").FillAsync(secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByText($"Signed in as {clientId}").WaitForAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = false });

    public async Task<(string Id, string Secret)> CreateIdentityAsync(string[] roles)
    {
        var response = await Admin.PostAsJsonAsync("/v1/identities", new { kind = "user", display_name = "Commander " + string.Join('+', roles), roles });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("client_secret").GetString()!);
    }

    /// <summary>An API client acting as <paramref name="id"/>, as a service would call Blux.</summary>
    public Task<HttpClient> ClientAsync(string id, string secret) => Blux.ClientAsync(id, secret);
}
