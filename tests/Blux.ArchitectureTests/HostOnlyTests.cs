using Blux.ArchitectureTests.Catalog;
using Blux.ArchitectureTests.Fixtures.GeneratedMediator;
using Blux.ArchitectureTests.References;

namespace Blux.ArchitectureTests;

/// <summary>Rule 4: only Blux.Host references module implementations and carries the source-generated mediator.</summary>
public sealed class HostOnlyTests
{
    private static readonly AllowedReferenceMatrix Matrix = AllowedReferenceMatrix.ForBlux;
    private static readonly AssemblyReferenceModel Product = AssemblyReferenceModel.Of(ProductAssemblies.All);

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Only_the_host_references_the_module_implementation(string module) =>
        ReferenceRules.ImplementationReferencedOnlyByHost(Matrix, Product, module).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void The_matrix_lets_only_the_host_reference_the_module_implementation(string module) =>
        Matrix.KnownAssemblies.Where(a => a != BluxModules.Implementation(module) && Matrix.Allows(a, BluxModules.Implementation(module)))
            .Should().Equal(BluxModules.Host);

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void The_host_does_reference_the_module_implementation(string module) =>
        Product.ReferencesOf(BluxModules.Host).Should().Contain(BluxModules.Implementation(module));

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Any_other_Blux_assembly_referencing_the_module_implementation_is_reported(string module)
    {
        var implementation = BluxModules.Implementation(module);
        var others = ProductAssemblies.Names.Where(a => a != BluxModules.Host && a != implementation).ToList();

        foreach (var other in others)
        {
            ReferenceRules.ImplementationReferencedOnlyByHost(Matrix, Product.With(other, implementation), module)
                .Should().ContainSingle().Which.Should().StartWith($"{other} references {implementation}");
        }
    }

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void The_modules_assemblies_carry_no_generated_mediator(string module) =>
        MediatorGeneratorRule.Violations([ProductAssemblies.Implementation(module), ProductAssemblies.Contracts(module)])
            .Should().BeEmpty();

    [Fact]
    public void No_assembly_but_the_host_carries_the_generated_mediator() =>
        MediatorGeneratorRule.Violations(ProductAssemblies.All).Should().BeEmpty();

    [Fact]
    public void The_host_carries_the_generated_mediator() =>
        MediatorGeneratorRule.GeneratedTypes(ProductAssemblies.Named(BluxModules.Host)).Select(t => t.FullName)
            .Should().Contain(MediatorGeneratorRule.GeneratedMediator);

    [Fact]
    public void Generated_mediator_code_outside_the_host_is_reported() =>
        MediatorGeneratorRule.Violations([typeof(CopiedGeneratedMediator).Assembly])
            .Should().ContainSingle().Which.Should().Contain(typeof(CopiedGeneratedMediator).FullName);
}
