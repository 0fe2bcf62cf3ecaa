namespace Blux.Cli;

/// <summary>A failure the CLI reports as one line on stderr and an exit code.</summary>
internal class CliException(string message, int exitCode = ExitCodes.Error) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
