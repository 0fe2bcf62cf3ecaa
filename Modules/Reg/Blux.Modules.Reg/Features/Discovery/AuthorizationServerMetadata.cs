using System.ComponentModel;

namespace Blux.Modules.Reg.Features.Discovery;

/// <summary>The members of RFC 8414 §2 that Blux has.</summary>
internal sealed record AuthorizationServerMetadata(
    [property: Description("The iss claim of Blux's tokens.")] string Issuer,
    string TokenEndpoint,
    string JwksUri,
    IReadOnlyList<string> GrantTypesSupported,
    IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    IReadOnlyList<string> ScopesSupported,
    [property: Description("token: Blux answers access tokens at the token endpoint; it has no authorization endpoint.")] IReadOnlyList<string> ResponseTypesSupported);
