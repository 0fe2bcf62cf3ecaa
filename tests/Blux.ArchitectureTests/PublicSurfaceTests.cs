using Blux.ArchitectureTests.Catalog;
using Blux.ArchitectureTests.Fixtures.PublicSurface;
using Blux.ArchitectureTests.PublicSurface;

namespace Blux.ArchitectureTests;

/// <summary>Rule 5: a module's only public type is its XModule; handlers, validators, DbContexts and endpoints are internal sealed.</summary>
public sealed class PublicSurfaceTests
{
    private static readonly string LeakyNamespace = typeof(LeakyModule).Namespace!;

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Module_exposes_only_its_module_class_and_keeps_its_parts_internal_sealed(string module) =>
        PublicSurfaceRule.Violations(ProductAssemblies.Implementation(module).GetTypes(), BluxModules.ModuleClass(module))
            .Should().BeEmpty();

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void The_rule_recognises_the_modules_DbContext(string module) =>
        ProductAssemblies.Implementation(module).GetTypes().Select(PublicSurfaceRule.RoleOf).Should().Contain("DbContext");

    [Fact]
    public void The_rule_recognises_handlers_validators_DbContexts_and_endpoints_in_the_modules() =>
        BluxModules.Names.SelectMany(m => ProductAssemblies.Implementation(m).GetTypes()).Select(PublicSurfaceRule.RoleOf).OfType<string>()
            .Distinct().Should().BeEquivalentTo(["handler", "validator", "DbContext", "endpoint"]);

    [Fact]
    public void Public_or_unsealed_handlers_validators_DbContexts_and_endpoints_are_reported()
    {
        var types = typeof(LeakyModule).Assembly.GetTypes().Where(t => t.Namespace == LeakyNamespace);

        var violations = PublicSurfaceRule.Violations(types, typeof(LeakyModule).FullName!).ToList();

        violations.Should().BeEquivalentTo(
        [
            $"{typeof(PublicDbContext).FullName} is public; the module's only public type is {typeof(LeakyModule).FullName}",
            $"{typeof(PublicEndpoint).FullName} is public; the module's only public type is {typeof(LeakyModule).FullName}",
            $"{typeof(PublicHandler).FullName} is public; the module's only public type is {typeof(LeakyModule).FullName}",
            $"handler {typeof(PublicHandler).FullName} must be internal sealed",
            $"validator {typeof(UnsealedValidator).FullName} must be internal sealed",
            $"DbContext {typeof(PublicDbContext).FullName} must be internal sealed",
            $"endpoint {typeof(PublicEndpoint).FullName} must be internal sealed",
        ]);
    }

    [Fact]
    public void An_internal_sealed_handler_is_not_reported() =>
        PublicSurfaceRule.Violations([typeof(LeakyModule), typeof(InternalSealedHandler)], typeof(LeakyModule).FullName!)
            .Should().BeEmpty();

    [Fact]
    public void A_missing_module_class_is_reported() =>
        PublicSurfaceRule.Violations([typeof(InternalSealedHandler)], "Blux.Modules.Billing.BillingModule")
            .Should().ContainSingle().Which.Should().Contain("missing");
}
