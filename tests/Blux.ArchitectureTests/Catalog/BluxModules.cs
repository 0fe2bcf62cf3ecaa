namespace Blux.ArchitectureTests.Catalog;

/// <summary>
/// The modules every rule runs over. A fifth module is covered by adding its name here; the names of
/// its assemblies, its module class and its store follow from the layout in STYLE.md.
/// </summary>
public static class BluxModules
{
    public const string SharedKernel = "Blux.SharedKernel";

    public const string Host = "Blux.Host";

    public static IReadOnlyList<string> Names { get; } = ["Lite", "Ca", "Guard", "Reg"];

    public static TheoryData<string> All => new(Names);

    public static string Implementation(string module) => $"Blux.Modules.{module}";

    public static string Contracts(string module) => $"Blux.Modules.{module}.Contracts";

    public static string ModuleClass(string module) => $"Blux.Modules.{module}.{module}Module";

    public static string StoreFileName(string module) => module.ToLowerInvariant() + ".db";
}
