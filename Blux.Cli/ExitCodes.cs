namespace Blux.Cli;

/// <summary>The exit codes scripts rely on; documented in docs/cli.md.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Error = 1;
    public const int Usage = 2;
    public const int RefusedByDoctrine = 3;
    public const int Auth = 4;
    public const int HeldForApproval = 5;
    public const int VerificationFailed = 6;
}
