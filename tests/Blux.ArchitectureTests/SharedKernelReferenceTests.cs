using Blux.ArchitectureTests.Catalog;
using Blux.ArchitectureTests.References;

namespace Blux.ArchitectureTests;

/// <summary>Rule 1: Blux.SharedKernel references no Blux assembly.</summary>
public sealed class SharedKernelReferenceTests
{
    private static readonly AllowedReferenceMatrix Matrix = AllowedReferenceMatrix.ForBlux;
    private static readonly AssemblyReferenceModel Product = AssemblyReferenceModel.Of(ProductAssemblies.All);

    [Fact]
    public void SharedKernel_references_no_Blux_assembly() =>
        ReferenceRules.SharedKernel(Matrix, Product).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void SharedKernel_referencing_the_modules_contracts_is_reported(string module)
    {
        var model = Product.With(BluxModules.SharedKernel, BluxModules.Contracts(module));

        ReferenceRules.SharedKernel(Matrix, model).Should().ContainSingle()
            .Which.Should().Contain(BluxModules.Contracts(module));
    }

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void SharedKernel_referencing_the_modules_implementation_is_reported(string module)
    {
        var model = Product.With(BluxModules.SharedKernel, BluxModules.Implementation(module));

        ReferenceRules.SharedKernel(Matrix, model).Should().ContainSingle()
            .Which.Should().Contain(BluxModules.Implementation(module));
    }

    [Theory]
    [InlineData(BluxModules.Host)]
    [InlineData("Blux.Modules.Billing.Contracts")]
    public void SharedKernel_referencing_the_host_or_an_unlisted_Blux_assembly_is_reported(string reference)
    {
        var model = Product.With(BluxModules.SharedKernel, reference);

        ReferenceRules.SharedKernel(Matrix, model).Should().ContainSingle().Which.Should().Contain(reference);
    }

    [Fact]
    public void A_missing_SharedKernel_is_reported_rather_than_passing() =>
        ReferenceRules.SharedKernel(Matrix, new AssemblyReferenceModel(new Dictionary<string, IReadOnlySet<string>>()))
            .Should().ContainSingle().Which.Should().Contain("not in the reference model");
}
