using System.Diagnostics;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.OpenApi;

/// <summary>
/// The pinned npm tools of <c>tests/contract</c> (package-lock.json), run with Node. <c>.ci/run</c> runs
/// <c>npm ci</c> there first; a checkout without them fails these tests rather than skipping them, so a
/// green run always means the document was linted and a client compiled.
/// </summary>
internal static class ContractTools
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "tests", "contract");

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>node &lt;package script&gt; args</c> in the tools folder; the exit code, what it printed, and its standard output alone.</summary>
    public static async Task<(int ExitCode, string Output, string StandardOutput)> RunAsync(string script, params string[] arguments)
    {
        var path = Path.Combine(Folder, "node_modules", script);
        File.Exists(path).Should().BeTrue($"{script} is installed: run `npm ci` in tests/contract (.ci/run does) before the tests");
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not end within {Deadline.TotalMinutes} minutes");
        }

        return (process.ExitCode, await output + await error, await output);
    }
}
