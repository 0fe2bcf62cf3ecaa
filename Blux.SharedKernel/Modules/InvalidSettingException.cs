namespace Blux.SharedKernel.Modules;

/// <summary>
/// A setting Blux cannot start with. The host prints the message as one line and exits non-zero,
/// before anything is written to the data directory. The message names the setting, the value and
/// what is allowed.
/// </summary>
public sealed class InvalidSettingException : InvalidOperationException
{
    public InvalidSettingException(string message)
        : base(message)
    {
    }

    public InvalidSettingException(string setting, string problem)
        : base($"{setting}: {problem}")
    {
    }
}
