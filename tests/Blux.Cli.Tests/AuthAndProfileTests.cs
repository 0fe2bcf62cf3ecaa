using System.Text.Json.Nodes;
using Blux.Cli.Config;
using Blux.Cli.Tests.Infrastructure;

namespace Blux.Cli.Tests;

public sealed class AuthAndProfileTests(CliHost host) : IClassFixture<CliHost>
{
    [Fact]
    public async Task Login_caches_the_token_and_the_credentials_in_0600_files_and_status_token_logout_use_them()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);

        var token = Path.Combine(cli.ConfigDirectory, "tokens", "default.json");
        var credentials = Path.Combine(cli.ConfigDirectory, "credentials", "default.json");
        File.GetUnixFileMode(token).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(credentials).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.GetDirectoryName(token)!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var status = await cli.RunAsync("auth", "status", "-o", "json");
        status.ExitCode.Should().Be(0, status.ToString());
        status.Json["subject"]!.GetValue<string>().Should().Be("admin");
        status.Json["expired"]!.GetValue<bool>().Should().BeFalse();

        var printed = await cli.RunAsync("auth", "token");
        printed.Out.Trim().Should().Be(JsonNode.Parse(File.ReadAllText(token))!["access_token"]!.GetValue<string>());

        (await cli.RunAsync("auth", "logout")).ExitCode.Should().Be(0);
        File.Exists(token).Should().BeFalse();
        File.Exists(credentials).Should().BeFalse();
        var after = await cli.RunAsync("task", "list");
        after.ExitCode.Should().Be(4, after.ToString());
        after.Error.Should().Contain("auth login");
    }

    [Fact]
    public async Task A_wrong_secret_exits_4_with_the_envelope_code_and_message_and_caches_nothing()
    {
        using var cli = BluxqRunner.For(host.Factory);
        var result = await cli.RunAsync("auth", "login", "--client-id", "admin", "--client-secret", "not-the-secret");

        result.ExitCode.Should().Be(4, result.ToString());
        result.Error.Should().Contain("UNAUTHORIZED: Client authentication failed.").And.Contain("invalid_client").And.Contain("aud_err_");
        result.Out.Should().BeEmpty();
        Directory.Exists(Path.Combine(cli.ConfigDirectory, "tokens")).Should().BeFalse();
    }

    [Fact]
    public async Task An_expired_cached_token_is_renewed_with_the_stored_credentials()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        var path = Path.Combine(cli.ConfigDirectory, "tokens", "default.json");
        var cached = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var old = cached["access_token"]!.GetValue<string>();
        cached["expires_at"] = "2020-01-01T00:00:00Z";
        File.WriteAllText(path, cached.ToJsonString());

        var result = await cli.RunAsync("task", "list");

        result.ExitCode.Should().Be(0, result.ToString());
        JsonNode.Parse(File.ReadAllText(path))!["access_token"]!.GetValue<string>().Should().NotBe(old);
    }

    [Fact]
    public async Task A_damaged_token_cache_is_no_token_and_the_stored_credentials_log_in_again()
    {
        using var cli = BluxqRunner.For(host.Factory);
        await cli.LoginAdminAsync(host.Factory);
        File.WriteAllText(Path.Combine(cli.ConfigDirectory, "tokens", "default.json"), """{"addr":5,"access_token":["x"],"expires_at":{}}""");

        var result = await cli.RunAsync("task", "list");

        result.ExitCode.Should().Be(0, result.ToString());
    }

    [Fact]
    public async Task A_token_answer_of_the_wrong_shape_is_an_error_not_a_crash()
    {
        using var cli = BluxqRunner.For(host.Factory);
        cli.Wrap = inner => new TokenAnswer(inner);

        var result = await cli.RunAsync("auth", "login", "--client-id", "admin", "--client-secret", "x");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().StartWith("error: an answer or file bluxq read is not of the expected shape");
        Directory.Exists(Path.Combine(cli.ConfigDirectory, "tokens")).Should().BeFalse();
    }

    [Fact]
    public async Task Config_set_get_list_use_keep_named_profiles()
    {
        using var cli = new BluxqRunner(handler: null);
        (await cli.RunAsync("config", "set", "addr", "http://blux-a:8080", "--profile", "a")).ExitCode.Should().Be(0);
        (await cli.RunAsync("config", "set", "addr", "http://blux-b:8080", "--profile", "b")).ExitCode.Should().Be(0);
        (await cli.RunAsync("config", "use", "b")).ExitCode.Should().Be(0);

        (await cli.RunAsync("config", "get", "addr")).Out.Trim().Should().Be("http://blux-b:8080");
        (await cli.RunAsync("config", "get", "addr", "--profile", "a")).Out.Trim().Should().Be("http://blux-a:8080");
        var list = await cli.RunAsync("config", "list", "-o", "json");
        list.Json["current"]!.GetValue<string>().Should().Be("b");
        list.Json["profiles"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("a", "b");

        var unknown = await cli.RunAsync("config", "set", "colour", "blue");
        unknown.ExitCode.Should().Be(2, unknown.ToString());
        var badName = await cli.RunAsync("config", "use", "../etc");
        badName.ExitCode.Should().Be(2, badName.ToString());
        File.Exists(Path.Combine(cli.ConfigDirectory, "..", "etc")).Should().BeFalse();
    }

    [Fact]
    public void A_flag_wins_over_the_environment_which_wins_over_the_profile()
    {
        using var cli = new BluxqRunner(handler: null);
        var store = new ProfileStore(cli.ConfigDirectory);
        store.Set("default", "addr", "http://from-profile:1");
        store.Set("default", "output", "jsonl");

        Settings Resolve(Dictionary<string, string> variables, params string[] args)
        {
            var environment = new CliEnvironment { Out = TextWriter.Null, Error = TextWriter.Null, Variables = variables };
            return Settings.Resolve(Bluxq.Build(environment).Parse(args), environment, store);
        }

        var none = new Dictionary<string, string>();
        var env = new Dictionary<string, string> { ["BLUXQ_ADDR"] = "http://from-env:2", ["BLUXQ_OUTPUT"] = "json" };
        Resolve(none, "task", "list").Addr.Should().Be(new Uri("http://from-profile:1"));
        Resolve(none, "task", "list").Output.Should().Be(OutputFormat.Jsonl);
        Resolve(env, "task", "list").Addr.Should().Be(new Uri("http://from-env:2"));
        Resolve(env, "task", "list").Output.Should().Be(OutputFormat.Json);
        Resolve(env, "task", "list", "--addr", "http://from-flag:3", "-o", "table").Addr.Should().Be(new Uri("http://from-flag:3"));
        Resolve(env, "task", "list", "--addr", "http://from-flag:3", "-o", "table").Output.Should().Be(OutputFormat.Table);
        Resolve(none).Color.Should().BeFalse("stdout is not a terminal");
    }

    private sealed class TokenAnswer(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.AbsolutePath == "/v1/tokens"
                ? new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("""{"access_token":5,"expires_in":"soon"}""", System.Text.Encoding.UTF8, "application/json") }
                : await base.SendAsync(request, cancellationToken);
    }
}
