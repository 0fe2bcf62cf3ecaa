namespace Blux.Modules.Guard.Doctrine;

/// <summary>A doctrine that parses as JSON but does not make sense, with the field at fault.</summary>
internal sealed class DoctrineFormatException(string field, string issue, string message) : FormatException(message)
{
    public string Field { get; } = field;

    public string Issue { get; } = issue;
}
