using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.ArchitectureTests.Endpoints;

/// <summary>
/// Rule 6: every route endpoint declares authorization (RequireAuthorization, [Authorize]) or explicit
/// anonymity (AllowAnonymous). RequireAuthorization(string policy) leaves IAuthorizeData metadata;
/// RequireAuthorization with a built policy leaves the AuthorizationPolicy itself, which declares it as well.
/// </summary>
public static class EndpointAuthorizationRule
{
    public static IEnumerable<string> Violations(IEnumerable<Endpoint> endpoints) =>
        endpoints.OfType<RouteEndpoint>().Where(e => !Declares(e)).Select(Describe);

    /// <summary>The assembly whose code handles the endpoint: minimal APIs put the handler's MethodInfo in the metadata.</summary>
    public static Assembly? HandlerAssembly(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<MethodInfo>()?.DeclaringType?.Assembly;

    private static bool Declares(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
        || endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null
        || endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null;

    private static string Describe(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
        return $"{string.Join(",", methods)} {endpoint.RoutePattern.RawText} ({endpoint.DisplayName}) declares neither authorization nor anonymity";
    }
}
