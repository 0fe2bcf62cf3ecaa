using Blux.ArchitectureTests.Catalog;
using Blux.ArchitectureTests.References;

namespace Blux.ArchitectureTests;

/// <summary>Rule 3: a module references SharedKernel, its own Contracts and other modules' Contracts only.</summary>
public sealed class ModuleReferenceTests
{
    private static readonly AllowedReferenceMatrix Matrix = AllowedReferenceMatrix.ForBlux;
    private static readonly AssemblyReferenceModel Product = AssemblyReferenceModel.Of(ProductAssemblies.All);

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Module_references_only_SharedKernel_and_Contracts_among_Blux_assemblies(string module) =>
        ReferenceRules.Module(Matrix, Product, module).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Module_referencing_another_module_implementation_is_reported(string module)
    {
        var other = BluxModules.Implementation(BluxModules.Names.First(m => m != module));
        var model = Product.With(BluxModules.Implementation(module), other);

        ReferenceRules.Module(Matrix, model, module).Should().ContainSingle()
            .Which.Should().Contain($"{BluxModules.Implementation(module)} references {other}");
    }

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Module_referencing_the_host_is_reported(string module)
    {
        var model = Product.With(BluxModules.Implementation(module), BluxModules.Host);

        ReferenceRules.Module(Matrix, model, module).Should().ContainSingle().Which.Should().Contain(BluxModules.Host);
    }

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Module_may_reference_SharedKernel_and_every_Contracts(string module)
    {
        var model = Product.With(
            BluxModules.Implementation(module),
            [BluxModules.SharedKernel, .. BluxModules.Names.Select(BluxModules.Contracts), "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore.Routing"]);

        ReferenceRules.Module(Matrix, model, module).Should().BeEmpty();
    }
}
