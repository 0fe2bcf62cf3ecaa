namespace Blux.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) => Bluxq.RunAsync(args, CliEnvironment.FromProcess());
}
