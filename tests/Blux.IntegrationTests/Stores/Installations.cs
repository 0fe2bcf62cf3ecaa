using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;

namespace Blux.IntegrationTests.Stores;

[CollectionDefinition(Name)]
public sealed class InstallationsCollection : ICollectionFixture<Installations>
{
    public const string Name = "Installations";
}

/// <summary>
/// Data directories made once per test collection by a host run as a child process and stopped cleanly:
/// <see cref="Original"/> (every store holds something), <see cref="Later"/> (a copy of it that ran
/// on and holds more in every store) and <see cref="Other"/> (another installation). Tests work on copies.
/// </summary>
public sealed class Installations : IAsyncLifetime
{
    public static readonly string[] Modules = ["reg", "guard", "ca", "lite"];

    public string Original { get; } = TestDirectory.New();

    public string Later { get; } = TestDirectory.New();

    public string Other { get; } = TestDirectory.New();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(RunAndStopAsync(Original), RunAndStopAsync(Other));
        CopyDirectory(Original, Later);
        await RunAndStopAsync(Later);
    }

    public Task DisposeAsync()
    {
        TestDirectory.Delete(Original);
        TestDirectory.Delete(Later);
        TestDirectory.Delete(Other);
        return Task.CompletedTask;
    }

    /// <summary>A fresh copy of one of the installations, for one test to damage.</summary>
    public static string Copy(string installation)
    {
        var copy = TestDirectory.New();
        CopyDirectory(installation, copy);
        return copy;
    }

    /// <summary>
    /// Writes to every store (an identity in reg.db; a reflected task and a script in lite.db, ca.db
    /// and guard.db; an external audit record) and stops the host as an operator does.
    /// </summary>
    public static async Task RunAndStopAsync(string dataPath)
    {
        var host = await HostProcess.StartAsync(dataPath);
        await using (host)
        {
            using var client = await host.AdminClientAsync(dataPath);
            await DoWorkAsync(client);
            (await host.StopAsync()).Should().Be(0, string.Join(Environment.NewLine, host.Output));
        }
    }

    public static async Task DoWorkAsync(HttpClient client)
    {
        var identity = await client.PostAsync("/v1/identities", Json.Content($"{{\"kind\":\"service\",\"display_name\":\"Ingest\",\"roles\":[\"service\"],\"id\":\"svc_{Guid.NewGuid():N}\"}}"));
        identity.StatusCode.Should().Be(HttpStatusCode.Created, await identity.Content.ReadAsStringAsync());
        var reflected = TaskRequest.Create("echo", sensitivity: "medium", requireReflection: true);
        var script = TaskRequest.Create("script", new JsonObject { ["language"] = "javascript", ["source"] = "1 + 1" });
        foreach (var request in new[] { reflected, script })
        {
            await client.SubmitAsync(request);
            (await client.FinishedAsync(request.Id()))["status"]!.GetValue<string>().Should().Be("completed");
        }

        (await client.PostAsync("/v1/audit", Json.Content("{\"service\":\"billing\",\"operation\":\"invoice.sent\",\"data\":{\"n\":1}}"))).EnsureSuccessStatusCode();
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
    }
}
