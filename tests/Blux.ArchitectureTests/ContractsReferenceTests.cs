using Blux.ArchitectureTests.Catalog;
using Blux.ArchitectureTests.References;

namespace Blux.ArchitectureTests;

/// <summary>Rule 2: a Contracts assembly references only SharedKernel, the mediator abstractions and the base framework.</summary>
public sealed class ContractsReferenceTests
{
    private static readonly AllowedReferenceMatrix Matrix = AllowedReferenceMatrix.ForBlux;
    private static readonly AssemblyReferenceModel Product = AssemblyReferenceModel.Of(ProductAssemblies.All);

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Contracts_reference_only_SharedKernel_the_mediator_abstractions_and_the_framework(string module) =>
        ReferenceRules.Contracts(Matrix, Product, module).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Contracts_referencing_EF_Core_is_reported(string module) =>
        ReportedFor(module, "Microsoft.EntityFrameworkCore");

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Contracts_referencing_AspNetCore_is_reported(string module) =>
        ReportedFor(module, "Microsoft.AspNetCore.Http.Abstractions");

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Contracts_referencing_another_package_is_reported(string module) =>
        ReportedFor(module, "Microsoft.Extensions.Logging.Abstractions");

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Contracts_referencing_another_modules_contracts_is_reported(string module) =>
        ReportedFor(module, BluxModules.Contracts(AnotherModule(module)));

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Contracts_referencing_a_module_implementation_is_reported(string module)
    {
        ReportedFor(module, BluxModules.Implementation(module));
        ReportedFor(module, BluxModules.Implementation(AnotherModule(module)));
    }

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Contracts_may_reference_SharedKernel_the_mediator_abstractions_and_the_base_framework(string module)
    {
        var model = Product.With(BluxModules.Contracts(module), BluxModules.SharedKernel, AllowedReferenceMatrix.MediatorAbstractions, "System.Runtime", "System.Text.Json");

        ReferenceRules.Contracts(Matrix, model, module).Should().BeEmpty();
    }

    private static void ReportedFor(string module, string reference)
    {
        var model = Product.With(BluxModules.Contracts(module), reference);

        ReferenceRules.Contracts(Matrix, model, module).Should().ContainSingle()
            .Which.Should().Contain($"{BluxModules.Contracts(module)} references {reference}");
    }

    private static string AnotherModule(string module) => BluxModules.Names.First(m => m != module);
}
