namespace Blux.Host;

/// <summary>
/// A setting Blux cannot start with. Program prints the message as one line and exits non-zero,
/// before anything is written to the data directory.
/// </summary>
internal sealed class InvalidSettingException(string setting, string problem)
    : Exception($"{setting}: {problem}")
{
    public string Setting { get; } = setting;
}
