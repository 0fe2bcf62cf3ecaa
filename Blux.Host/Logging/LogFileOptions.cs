using System.ComponentModel.DataAnnotations;

namespace Blux.Host.Logging;

/// <summary>How the rolling log file is written, bound from <c>Blux:Logging</c>.</summary>
internal sealed class LogFileOptions : IValidatableObject
{
    public const string Section = "Blux:Logging";

    public const string Text = "text";

    public const string Json = "json";

    /// <summary><c>text</c> (one readable line per event) or <c>json</c> (Serilog's compact JSON, one object per line).</summary>
    public string FileFormat { get; set; } = Text;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FileFormat is not (Text or Json))
        {
            yield return new ValidationResult($"it must be {Text} or {Json}", [nameof(FileFormat)]);
        }
    }
}
