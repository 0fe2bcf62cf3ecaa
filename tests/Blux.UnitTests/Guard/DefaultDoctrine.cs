using Blux.Modules.Guard.Doctrine;

namespace Blux.UnitTests.Guard;

/// <summary>The doctrine shipped with Guard, read from the embedded resource the host starts from.</summary>
internal static class DefaultDoctrine
{
    public const string ResourceName = "Blux.Modules.Guard.doctrine.json";

    public static string Text()
    {
        using var stream = typeof(ActiveDoctrine).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Resource {ResourceName} is missing from the Guard assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static LoadedDoctrine Load() => ActiveDoctrine.Parse(Text());
}
