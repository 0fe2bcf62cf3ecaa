using System.Reflection;
using Blux.ArchitectureTests.References;

namespace Blux.ArchitectureTests;

/// <summary>
/// bluxq is a client of the public REST API: it references no Blux assembly at all (not the shared
/// kernel either), so its offline audit verifier is a second implementation of the contract.
/// </summary>
public sealed class CliReferenceTests
{
    public const string Cli = "bluxq";

    public static IEnumerable<string> Violations(AssemblyReferenceModel model) =>
        !model.Contains(Cli)
            ? [$"{Cli} is not in the reference model"]
            : model.ReferencesOf(Cli).Where(r => r.StartsWith("Blux", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(r => $"{Cli} references {r}");

    private static AssemblyReferenceModel Model => AssemblyReferenceModel.Of([Assembly.Load(new AssemblyName(Cli))]);

    [Fact]
    public void The_CLI_references_no_Blux_assembly() => Violations(Model).Should().BeEmpty();

    [Theory]
    [InlineData("Blux.Modules.Guard")]
    [InlineData("Blux.Modules.Reg.Contracts")]
    [InlineData("Blux.SharedKernel")]
    [InlineData("Blux.Host")]
    public void A_CLI_referencing_a_Blux_assembly_is_reported(string reference) =>
        Violations(Model.With(Cli, reference)).Should().ContainSingle().Which.Should().Be($"{Cli} references {reference}");

    [Fact]
    public void A_missing_CLI_is_reported_rather_than_passing() =>
        Violations(new AssemblyReferenceModel(new Dictionary<string, IReadOnlySet<string>>())).Should().ContainSingle().Which.Should().Contain("not in the reference model");
}
