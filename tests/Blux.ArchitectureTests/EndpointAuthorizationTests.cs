using Blux.ArchitectureTests.Catalog;
using Blux.ArchitectureTests.Endpoints;
using Blux.ArchitectureTests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Blux.ArchitectureTests;

/// <summary>Rule 6: every endpoint of the real host declares authorization or explicit anonymity.</summary>
[Collection(HostCollection.Name)]
public sealed class EndpointAuthorizationTests(HostFixture host)
{
    [Fact]
    public void Every_endpoint_of_the_host_declares_authorization_or_anonymity()
    {
        host.Endpoints.OfType<RouteEndpoint>().Should().NotBeEmpty();

        EndpointAuthorizationRule.Violations(host.Endpoints).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Every_endpoint_of_the_module_declares_authorization_or_anonymity(string module)
    {
        var assembly = ProductAssemblies.Implementation(module);

        EndpointAuthorizationRule.Violations(host.Endpoints.Where(e => EndpointAuthorizationRule.HandlerAssembly(e) == assembly))
            .Should().BeEmpty();
    }

    [Fact]
    public void Every_endpoint_is_traced_to_the_assembly_that_handles_it()
    {
        host.Endpoints.OfType<RouteEndpoint>().Where(e => EndpointAuthorizationRule.HandlerAssembly(e) is null)
            .Select(e => e.DisplayName).Should().BeEmpty();
        host.Endpoints.Select(EndpointAuthorizationRule.HandlerAssembly).OfType<System.Reflection.Assembly>()
            .Select(a => a.GetName().Name!)
            .Should().Contain(name => name.StartsWith("Blux.Modules.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_endpoint_without_authorization_or_anonymity_is_reported()
    {
        await using var app = WebApplication.CreateSlimBuilder().Build();
        app.MapGet("/guarded", () => "guarded").RequireAuthorization("some-policy");
        app.MapGet("/built-policy", () => "built").RequireAuthorization(policy => policy.RequireAuthenticatedUser());
        app.MapGet("/open", () => "open").AllowAnonymous();
        app.MapGet("/forgotten", () => "forgotten");
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).ToList();

        endpoints.Should().HaveCount(4);
        EndpointAuthorizationRule.Violations(endpoints).Should().ContainSingle()
            .Which.Should().StartWith("GET /forgotten ");
    }
}
