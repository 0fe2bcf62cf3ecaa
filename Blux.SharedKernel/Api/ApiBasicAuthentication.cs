namespace Blux.SharedKernel.Api;

/// <summary>
/// An anonymous endpoint that also takes client credentials as HTTP Basic (the token endpoint's
/// <c>client_secret_basic</c>): the OpenAPI document offers no authentication or Basic.
/// </summary>
public sealed record ApiBasicAuthentication(string Description);
